//! Reading one alias table (DESIGN §3): UTF-8, tab-separated, `#` comments,
//! a header naming the columns. Every problem is reported as `file:line`.

use std::collections::HashMap;

use crate::error::Error;
use crate::registry::{AliasType, Kind};

/// One data row of a table, validated; it borrows from the table's text, so
/// reading a large table allocates nothing per row.
#[derive(Debug, Clone)]
pub(crate) struct Row<'t> {
    pub(crate) line: usize,
    pub(crate) id: &'t str,
    /// The kind the row states, if it has a `kind` column with a value.
    pub(crate) kind: Option<Kind>,
    pub(crate) name: &'t str,
    pub(crate) lang: Option<&'t str>,
    pub(crate) alias_type: AliasType,
    /// Values of the columns nomen does not interpret (`wikidata`, `source`…).
    pub(crate) attrs: Vec<(&'t str, &'t str)>,
}

const KNOWN: [&str; 5] = ["id", "name", "kind", "lang", "type"];

/// Parse a table. `file` names it in error messages.
pub(crate) fn parse<'t>(file: &str, bytes: &'t [u8]) -> Result<Vec<Row<'t>>, Error> {
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
    let mut header: Option<Columns> = None;
    let mut rows = Vec::new();
    let mut canonical: HashMap<&str, usize> = HashMap::new();
    let mut kinds: HashMap<&str, (Kind, usize)> = HashMap::new();
    let mut fields: Vec<&str> = Vec::new();
    for (n, raw) in text.split('\n').enumerate() {
        let line_no = n + 1;
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        fields.clear();
        fields.extend(line.split('\t'));
        let Some(columns) = &header else {
            header = Some(Columns::new(check_header(file, line_no, fields.clone())?));
            continue;
        };
        if fields.len() != columns.names.len() {
            return Err(Error::table(
                file,
                line_no,
                format!(
                    "expected {} tab-separated fields ({}), found {}",
                    columns.names.len(),
                    columns.names.join(", "),
                    fields.len()
                ),
            ));
        }
        let get =
            |col: Option<usize>| col.and_then(|i| fields.get(i)).map(|v| v.trim()).filter(|v| !v.is_empty());
        let err = |msg: String| Error::table(file, line_no, msg);
        let id =
            get(columns.id).ok_or_else(|| err("empty id: every row needs the id of its entity".into()))?;
        let name =
            get(columns.name).ok_or_else(|| err(format!("empty name for `{id}`: every row needs a name")))?;
        let kind = get(columns.kind)
            .map(|k| {
                Kind::parse(k).ok_or_else(|| {
                    err(format!("unknown kind `{k}`: use one of person, country, city, region, org, other"))
                })
            })
            .transpose()?;
        let alias_type = get(columns.alias_type)
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
            kinds.entry(id).or_insert((k, line_no));
        }
        if alias_type == AliasType::Canonical {
            if let Some(at) = canonical.insert(id, line_no) {
                return Err(err(format!(
                    "`{id}` has a second canonical row (the first is on line {at}): mark one of them `alias`"
                )));
            }
        }
        let attrs = columns
            .extra
            .iter()
            .filter_map(|&(i, c)| fields.get(i).map(|v| (c, v.trim())))
            .filter(|(_, v)| !v.is_empty())
            .collect();
        rows.push(Row { line: line_no, id, kind, name, lang: get(columns.lang), alias_type, attrs });
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

/// Where each column is, found once from the header.
struct Columns<'t> {
    names: Vec<&'t str>,
    id: Option<usize>,
    name: Option<usize>,
    kind: Option<usize>,
    lang: Option<usize>,
    alias_type: Option<usize>,
    /// The columns kept as attributes: (index, name).
    extra: Vec<(usize, &'t str)>,
}

impl<'t> Columns<'t> {
    fn new(names: Vec<&'t str>) -> Columns<'t> {
        let at = |col: &str| names.iter().position(|c| *c == col);
        Columns {
            id: at("id"),
            name: at("name"),
            kind: at("kind"),
            lang: at("lang"),
            alias_type: at("type"),
            extra: names
                .iter()
                .enumerate()
                .filter(|(_, c)| !KNOWN.contains(c))
                .map(|(i, c)| (i, *c))
                .collect(),
            names,
        }
    }
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
        assert_eq!(rows[0].attrs, [("wikidata", "Q1899")]);
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
