//! Reading one alias table (DESIGN §3): UTF-8, tab-separated, `#` comments,
//! a header naming the columns. Every problem is reported as `file:line`.

use std::collections::BTreeMap;

use crate::error::Error;
use crate::registry::{AliasType, Kind};

/// One data row of a table, validated.
#[derive(Debug, Clone)]
pub(crate) struct Row {
    pub(crate) line: usize,
    pub(crate) id: String,
    /// The kind the row states, if it has a `kind` column with a value.
    pub(crate) kind: Option<Kind>,
    pub(crate) name: String,
    pub(crate) lang: Option<String>,
    pub(crate) alias_type: AliasType,
    /// Values of the columns nomen does not interpret (`wikidata`, `source`…).
    pub(crate) attrs: BTreeMap<String, String>,
}

const KNOWN: [&str; 5] = ["id", "name", "kind", "lang", "type"];

/// Parse a table. `file` names it in error messages.
pub(crate) fn parse(file: &str, bytes: &[u8]) -> Result<Vec<Row>, Error> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        let line = bytes.get(..at).map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count()) + 1;
        Error::table(
            file,
            line,
            format!("invalid UTF-8 at byte {at}: tables must be UTF-8 (re-save the file as UTF-8)"),
        )
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut header: Option<Vec<&str>> = None;
    let mut rows = Vec::new();
    let mut canonical: BTreeMap<String, usize> = BTreeMap::new();
    let mut kinds: BTreeMap<String, (Kind, usize)> = BTreeMap::new();
    for (n, raw) in text.split('\n').enumerate() {
        let line_no = n + 1;
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let Some(columns) = &header else {
            header = Some(check_header(file, line_no, fields)?);
            continue;
        };
        if fields.len() != columns.len() {
            return Err(Error::table(
                file,
                line_no,
                format!(
                    "expected {} tab-separated fields ({}), found {}",
                    columns.len(),
                    columns.join(", "),
                    fields.len()
                ),
            ));
        }
        let get = |col: &str| {
            columns
                .iter()
                .position(|c| *c == col)
                .and_then(|i| fields.get(i))
                .map(|v| v.trim())
                .filter(|v| !v.is_empty())
        };
        let err = |msg: String| Error::table(file, line_no, msg);
        let id = get("id").ok_or_else(|| err("empty id: every row needs the id of its entity".into()))?;
        let name =
            get("name").ok_or_else(|| err(format!("empty name for `{id}`: every row needs a name")))?;
        let kind = get("kind")
            .map(|k| {
                Kind::parse(k).ok_or_else(|| {
                    err(format!("unknown kind `{k}`: use one of person, country, city, region, org, other"))
                })
            })
            .transpose()?;
        let alias_type = get("type")
            .map(|t| {
                AliasType::parse(t).ok_or_else(|| {
                    err(format!(
                        "unknown type `{t}`: use one of canonical, alias, abbrev, demonym, former, suppress"
                    ))
                })
            })
            .transpose()?
            .unwrap_or(AliasType::Alias);
        if let Some(k) = kind {
            if let Some((other, at)) = kinds.get(id).filter(|(other, _)| *other != k) {
                return Err(err(format!(
                    "`{id}` is given kind {} here but kind {} on line {at}: an id has one kind",
                    k.as_str(),
                    other.as_str()
                )));
            }
            kinds.entry(id.to_string()).or_insert((k, line_no));
        }
        if alias_type == AliasType::Canonical {
            if let Some(at) = canonical.insert(id.to_string(), line_no) {
                return Err(err(format!(
                    "`{id}` has a second canonical row (the first is on line {at}): mark one of them `alias`"
                )));
            }
        }
        let attrs = columns
            .iter()
            .zip(&fields)
            .filter(|(c, v)| !KNOWN.contains(c) && !v.trim().is_empty())
            .map(|(c, v)| (c.to_string(), v.trim().to_string()))
            .collect();
        rows.push(Row {
            line: line_no,
            id: id.to_string(),
            kind,
            name: name.to_string(),
            lang: get("lang").map(str::to_string),
            alias_type,
            attrs,
        });
    }
    if header.is_none() {
        return Err(Error::table(
            file,
            1,
            "the table is empty: it needs a header line naming its columns (at least `id` and `name`)",
        ));
    }
    Ok(rows)
}

fn check_header<'a>(file: &str, line: usize, columns: Vec<&'a str>) -> Result<Vec<&'a str>, Error> {
    let columns: Vec<&str> = columns.into_iter().map(str::trim).collect();
    for required in ["id", "name"] {
        if !columns.contains(&required) {
            return Err(Error::table(
                file,
                line,
                format!(
                    "the header has no `{required}` column: the first line that is not a comment must name the columns, tab-separated, e.g. `id<TAB>kind<TAB>name<TAB>lang`"
                ),
            ));
        }
    }
    for (i, c) in columns.iter().enumerate() {
        if c.is_empty() {
            return Err(Error::table(file, line, format!("column {} of the header has no name", i + 1)));
        }
        if columns[..i].contains(c) {
            return Err(Error::table(file, line, format!("the header names the column `{c}` twice")));
        }
    }
    Ok(columns)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(text: &[u8]) -> String {
        parse("t.tsv", text).unwrap_err().to_string()
    }

    #[test]
    fn reads_rows_and_keeps_other_columns() {
        let rows = parse(
            "t.tsv",
            "# comment\r\nid\tkind\tname\tlang\ttype\twikidata\r\ncity:kyiv\tcity\tKyiv\ten\tcanonical\tQ1899\r\n\r\ncity:kyiv\t\tKiev\ten\tformer\t\n".as_bytes(),
        )
        .unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].line, 3);
        assert_eq!(rows[0].attrs.get("wikidata").map(String::as_str), Some("Q1899"));
        assert_eq!(rows[1].kind, None);
        assert_eq!(rows[1].alias_type, AliasType::Former);
    }

    #[test]
    fn every_problem_names_its_line() {
        assert_eq!(
            error(b"id\tkind\n"),
            "t.tsv:1: the header has no `name` column: the first line that is not a comment must name the columns, tab-separated, e.g. `id<TAB>kind<TAB>name<TAB>lang`"
        );
        assert!(error(b"id\tname\nx\n").starts_with("t.tsv:2: expected 2 tab-separated fields"));
        assert!(error(b"id\tname\n\tKyiv\n").starts_with("t.tsv:2: empty id"));
        assert!(error(b"id\tname\nx\t \n").starts_with("t.tsv:2: empty name"));
        assert!(error(b"id\tname\tkind\nx\tX\tplanet\n").starts_with("t.tsv:2: unknown kind `planet`"));
        assert!(error(b"id\tname\ttype\nx\tX\tnickname\n").starts_with("t.tsv:2: unknown type `nickname`"));
        assert!(
            error(b"id\tname\tkind\nx\tX\tcity\nx\tY\tcountry\n")
                .starts_with("t.tsv:3: `x` is given kind country")
        );
        assert!(
            error(b"id\tname\ttype\nx\tX\tcanonical\nx\tY\tcanonical\n")
                .starts_with("t.tsv:3: `x` has a second canonical")
        );
        assert!(error(b"id\tname\nx\tKy\xffiv\n").starts_with("t.tsv:2: invalid UTF-8 at byte 12"));
        assert!(error(b"").starts_with("t.tsv:1: the table is empty"));
        assert!(error(b"# only a comment\n").starts_with("t.tsv:1: the table is empty"));
    }

    #[test]
    fn a_byte_order_mark_is_not_part_of_the_header() {
        assert_eq!(parse("t.tsv", "\u{feff}id\tname\nx\tX\n".as_bytes()).unwrap().len(), 1);
    }
}
