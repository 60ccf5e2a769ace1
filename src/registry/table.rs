//! Reading one alias table (DESIGN §3): UTF-8, tab-separated, `#` comments,
//! a header naming the columns. Every problem is reported as `file:line`.
//!
//! Tables are read a line at a time: a table of a million rows is never
//! held whole, and a row borrows from its line, so reading allocates
//! nothing per row.

use std::collections::HashMap;
use std::io::BufRead;

use crate::error::Error;
use crate::registry::{AliasType, Kind};

/// One data row of a table, validated as far as the row alone allows.
#[derive(Debug, Clone)]
pub(crate) struct Row<'l> {
    pub(crate) line: usize,
    pub(crate) id: &'l str,
    /// The kind the row states, if it has a `kind` column with a value.
    pub(crate) kind: Option<Kind>,
    pub(crate) name: &'l str,
    pub(crate) lang: Option<&'l str>,
    pub(crate) alias_type: AliasType,
    text: &'l str,
    fields: &'l [(usize, usize)],
    extra: &'l [(usize, String)],
}

impl<'l> Row<'l> {
    /// Values of the columns nomen does not interpret (`wikidata`,
    /// `source`…), with their column names; empty values are left out.
    pub(crate) fn attrs(&self) -> impl Iterator<Item = (&'l str, &'l str)> + use<'l> {
        let (text, fields) = (self.text, self.fields);
        self.extra.iter().filter_map(move |(i, column)| {
            let &(start, end) = fields.get(*i)?;
            let value = trim(text.get(start..end)?);
            (!value.is_empty()).then_some((column.as_str(), value))
        })
    }
}

const KNOWN: [&str; 5] = ["id", "name", "kind", "lang", "type"];

/// Read a table from `input` and hand each row to `each`; `file` names it
/// in error messages. The first error, in the order of the lines, stops
/// reading.
///
/// The checks made here concern one row at a time. Those across rows (a
/// second canonical row for an id, two kinds for an id) are the caller's:
/// the registry makes them with what it keeps per entity anyway, and
/// [`check`] with maps of its own.
pub(crate) fn read(
    file: &str,
    mut input: impl BufRead,
    mut each: impl FnMut(Row<'_>) -> Result<(), Error>,
) -> Result<(), Error> {
    let mut reader = Reader::default();
    let mut line = Vec::new();
    loop {
        line.clear();
        let n = input.read_until(b'\n', &mut line).map_err(|e| Error::io(file.as_ref(), &e))?;
        if n == 0 {
            break;
        }
        if let Some(row) = reader.row(file, &line)? {
            each(row)?;
        }
    }
    if reader.columns.is_none() {
        return Err(Error::table(
            file,
            1,
            "the table is empty: it needs a header line naming its columns (at least `id` and `name`)",
        ));
    }
    Ok(())
}

/// Validate a whole table, rows and the rules across its rows, without
/// loading it.
pub(crate) fn check(file: &str, bytes: &[u8]) -> Result<(), Error> {
    let mut across = AcrossRows::default();
    read(file, bytes, |row| across.check(file, &row))
}

/// The rules that concern several rows of one table, checked with maps
/// keyed by id.
#[derive(Debug, Default)]
struct AcrossRows {
    canonical: HashMap<String, usize>,
    kinds: HashMap<String, (Kind, usize)>,
}

impl AcrossRows {
    fn check(&mut self, file: &str, row: &Row) -> Result<(), Error> {
        if let Some(k) = row.kind {
            match self.kinds.get(row.id) {
                Some(&(other, at)) if other != k => return Err(kind_clash(file, row, other, at)),
                Some(_) => {}
                None => {
                    self.kinds.insert(row.id.to_string(), (k, row.line));
                }
            }
        }
        if row.alias_type == AliasType::Canonical {
            if let Some(&at) = self.canonical.get(row.id) {
                return Err(second_canonical(file, row, at));
            }
            self.canonical.insert(row.id.to_string(), row.line);
        }
        Ok(())
    }
}

/// A row stating a kind for its id other than the one line `at` of the
/// same table states (`other`).
pub(crate) fn kind_clash(file: &str, row: &Row, other: Kind, at: usize) -> Error {
    let (id, k) = (row.id, row.kind.unwrap_or(other));
    Error::table(
        file,
        row.line,
        format!(
            "`{id}` is given kind {} here but kind {} on line {at}: an id has one kind",
            k.as_str(),
            other.as_str()
        ),
    )
}

/// A canonical row for an id that line `at` of the same table already
/// gives a canonical row.
pub(crate) fn second_canonical(file: &str, row: &Row, at: usize) -> Error {
    Error::table(
        file,
        row.line,
        format!(
            "`{}` has a second canonical row (the first is on line {at}): mark one of them `alias`",
            row.id
        ),
    )
}

/// What reading a table keeps from line to line.
#[derive(Debug, Default)]
struct Reader {
    columns: Option<Columns>,
    /// The number of the line being read.
    line: usize,
    /// Bytes before the line being read: where an encoding error is.
    offset: usize,
    /// Where each field of the line being read lies in it, reused from
    /// line to line.
    fields: Vec<(usize, usize)>,
}

impl Reader {
    /// The row a line holds (`raw` may end in its newline); `None` for the
    /// header, blank lines and comments.
    fn row<'l>(&'l mut self, file: &str, raw: &'l [u8]) -> Result<Option<Row<'l>>, Error> {
        self.line += 1;
        let line_no = self.line;
        let start = self.offset;
        self.offset += raw.len();
        let text = std::str::from_utf8(raw).map_err(|e| {
            let at = start + e.valid_up_to();
            Error::table(
                file,
                line_no,
                format!("invalid UTF-8 at byte {at}: tables must be UTF-8 (re-save the file as UTF-8)"),
            )
        })?;
        let text = if line_no == 1 { text.strip_prefix('\u{feff}').unwrap_or(text) } else { text };
        let text = text.strip_suffix('\n').unwrap_or(text);
        let text = text.strip_suffix('\r').unwrap_or(text);
        if text.trim().is_empty() || text.trim_start().starts_with('#') {
            return Ok(None);
        }
        // Fields are short: a byte loop beats `split`, which starts a
        // memchr for each of them.
        self.fields.clear();
        let mut start = 0;
        for (i, &b) in text.as_bytes().iter().enumerate() {
            if b == b'\t' {
                self.fields.push((start, i));
                start = i + 1;
            }
        }
        self.fields.push((start, text.len()));
        if self.columns.is_none() {
            let names = text.split('\t').map(|c| c.trim().to_string()).collect();
            self.columns = Some(Columns::new(check_header(file, line_no, names)?));
            return Ok(None);
        }
        let Some(columns) = &self.columns else { return Ok(None) };
        if self.fields.len() != columns.names.len() {
            return Err(Error::table(
                file,
                line_no,
                format!(
                    "expected {} tab-separated fields ({}), found {}",
                    columns.names.len(),
                    columns.names.join(", "),
                    self.fields.len()
                ),
            ));
        }
        let fields = &self.fields;
        let get = |col: Option<usize>| {
            col.and_then(|i| fields.get(i))
                .and_then(|&(s, e)| text.get(s..e))
                .map(trim)
                .filter(|v| !v.is_empty())
        };
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
        Ok(Some(Row {
            line: line_no,
            id,
            kind,
            name,
            lang: get(columns.lang),
            alias_type,
            text,
            fields,
            extra: &columns.extra,
        }))
    }
}

/// `str::trim`, without decoding characters when the field starts and
/// ends in a visible ASCII character, as nearly all do.
fn trim(field: &str) -> &str {
    match (field.as_bytes().first(), field.as_bytes().last()) {
        (Some(a), Some(z)) if a.is_ascii_graphic() && z.is_ascii_graphic() => field,
        _ => field.trim(),
    }
}

/// Where each column is, found once from the header.
#[derive(Debug)]
struct Columns {
    names: Vec<String>,
    id: Option<usize>,
    name: Option<usize>,
    kind: Option<usize>,
    lang: Option<usize>,
    alias_type: Option<usize>,
    /// The columns kept as attributes: (index, name).
    extra: Vec<(usize, String)>,
}

impl Columns {
    fn new(names: Vec<String>) -> Columns {
        let at = |col: &str| names.iter().position(|c| c == col);
        Columns {
            id: at("id"),
            name: at("name"),
            kind: at("kind"),
            lang: at("lang"),
            alias_type: at("type"),
            extra: names
                .iter()
                .enumerate()
                .filter(|(_, c)| !KNOWN.contains(&c.as_str()))
                .map(|(i, c)| (i, c.clone()))
                .collect(),
            names,
        }
    }
}

fn check_header(file: &str, line: usize, columns: Vec<String>) -> Result<Vec<String>, Error> {
    for required in ["id", "name"] {
        if !columns.iter().any(|c| c == required) {
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

    /// A row with what it borrows copied out.
    #[derive(Debug, PartialEq)]
    struct Owned {
        line: usize,
        id: String,
        kind: Option<Kind>,
        name: String,
        lang: Option<String>,
        alias_type: AliasType,
        attrs: Vec<(String, String)>,
    }

    fn rows(text: &str) -> Vec<Owned> {
        let mut rows = Vec::new();
        read("t.tsv", text.as_bytes(), |r| {
            rows.push(Owned {
                line: r.line,
                id: r.id.into(),
                kind: r.kind,
                name: r.name.into(),
                lang: r.lang.map(Into::into),
                alias_type: r.alias_type,
                attrs: r.attrs().map(|(k, v)| (k.into(), v.into())).collect(),
            });
            Ok(())
        })
        .unwrap();
        rows
    }

    fn error(text: &[u8]) -> String {
        check("t.tsv", text).unwrap_err().to_string()
    }

    #[test]
    fn reads_rows_and_keeps_other_columns() {
        let rows = rows(
            "# comment\r\nid\tkind\tname\tlang\ttype\twikidata\r\ncity:kyiv\tcity\tKyiv\ten\tcanonical\tQ1899\r\n\r\ncity:kyiv\t\t Kiev \ten\tformer\t\n",
        );
        assert_eq!(
            rows,
            [
                Owned {
                    line: 3,
                    id: "city:kyiv".into(),
                    kind: Some(Kind::City),
                    name: "Kyiv".into(),
                    lang: Some("en".into()),
                    alias_type: AliasType::Canonical,
                    attrs: vec![("wikidata".into(), "Q1899".into())],
                },
                Owned {
                    line: 5,
                    id: "city:kyiv".into(),
                    kind: None,
                    name: "Kiev".into(),
                    lang: Some("en".into()),
                    alias_type: AliasType::Former,
                    attrs: vec![],
                },
            ]
        );
    }

    #[test]
    fn a_last_line_without_a_newline_is_read() {
        assert_eq!(rows("id\tname\nx\tX\ny\tY").len(), 2);
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
        assert_eq!(
            error(b"id\tname\tkind\nx\tX\tcity\nx\tY\tcountry\n"),
            "t.tsv:3: `x` is given kind country here but kind city on line 2: an id has one kind"
        );
        assert_eq!(
            error(b"id\tname\ttype\nx\tX\tcanonical\nx\tY\tcanonical\n"),
            "t.tsv:3: `x` has a second canonical row (the first is on line 2): mark one of them `alias`"
        );
        assert!(error(b"id\tname\nx\tKy\xffiv\n").starts_with("t.tsv:2: invalid UTF-8 at byte 12"));
        assert!(error(b"").starts_with("t.tsv:1: the table is empty"));
        assert!(error(b"# only a comment\n").starts_with("t.tsv:1: the table is empty"));
        assert!(error(b"id\tname\tname\n").starts_with("t.tsv:1: the header names the column `name` twice"));
        assert!(error(b"id\t\tname\n").starts_with("t.tsv:1: column 2 of the header has no name"));
    }

    #[test]
    fn the_first_bad_line_is_the_one_reported() {
        assert!(error(b"id\tname\tkind\nx\tX\tplanet\ny\t\xff\tcity\n").starts_with("t.tsv:2: unknown kind"));
        assert!(error(b"id\tname\tkind\nx\tX\tcity\ny\t\xff\tcity\n").starts_with("t.tsv:3: invalid UTF-8"));
    }

    #[test]
    fn a_byte_order_mark_is_not_part_of_the_header() {
        assert_eq!(rows("\u{feff}id\tname\nx\tX\n").len(), 1);
    }
}
