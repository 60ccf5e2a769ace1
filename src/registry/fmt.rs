//! `nomen tables fmt`: one canonical layout per table, so that two people
//! adding rows to it produce small diffs.

use std::collections::HashMap;

use unicode_normalization::UnicodeNormalization;

use crate::error::Error;
use crate::registry::{AliasType, table};

/// A table in its canonical layout; `file` names it in error messages.
///
/// - The lines before the header (comments, blank lines) and the header
///   itself are kept; every line ends in `\n`, without a byte order mark.
/// - Fields are trimmed, names put in Unicode NFC.
/// - Rows are grouped by id, ids in the order they first appear. Each group
///   starts with its `canonical` row (else its first row: the display name
///   stays the same), then its `suppress` rows (they act on the tables
///   loaded before, so they come before the names this table adds), then
///   the other rows by type (alias, abbrev, demonym, former), language and
///   name. Rows that are otherwise equal keep their order.
/// - A row that repeats another one field for field is dropped.
/// - A comment belongs to the row after it and moves with it; comments
///   after the last row stay at the end. Blank lines between rows go.
///
/// A table with an error is not formatted: the error names its `file:line`.
///
/// # Example
/// ```
/// let table = "# my people\nid\tname\ttype\nx\tZed \talias\ny\tY\tcanonical\nx\tX\tcanonical\n";
/// assert_eq!(
///     nomen::format_table("t.tsv", table.as_bytes())?,
///     "# my people\nid\tname\ttype\nx\tX\tcanonical\nx\tZed\talias\ny\tY\tcanonical\n"
/// );
/// # Ok::<(), nomen::Error>(())
/// ```
pub fn format_table(file: &str, bytes: &[u8]) -> Result<String, Error> {
    // Validation is the loader's: a table fmt accepts is one nomen loads.
    table::check(file, bytes)?;
    let text = std::str::from_utf8(bytes).map_err(|_| Error::table(file, 1, "invalid UTF-8"))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);

    let mut out = String::with_capacity(text.len());
    let mut columns: Option<Columns> = None;
    let mut groups: Vec<Vec<Row>> = Vec::new();
    let mut group_of: HashMap<String, usize> = HashMap::new();
    let mut comments: Vec<&str> = Vec::new();
    let mut lines = text.split('\n').peekable();
    while let Some(raw) = lines.next() {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        // The split leaves an empty piece after the final newline.
        if lines.peek().is_none() && line.is_empty() {
            break;
        }
        let blank = line.trim().is_empty();
        let comment = line.trim_start().starts_with('#');
        let Some(cols) = &columns else {
            if blank || comment {
                out.push_str(line.trim_end());
            } else {
                out.push_str(line);
                columns = Some(Columns::new(line));
            }
            out.push('\n');
            continue;
        };
        if comment {
            comments.push(line.trim_end());
        }
        if blank || comment {
            continue;
        }
        let mut fields: Vec<String> = line.split('\t').map(|f| f.trim().to_string()).collect();
        if let Some(name) = fields.get_mut(cols.name) {
            *name = name.nfc().collect();
        }
        let id = fields.get(cols.id).cloned().unwrap_or_default();
        let alias_type = cols
            .alias_type
            .and_then(|i| fields.get(i))
            .and_then(|t| AliasType::parse(t))
            .unwrap_or(AliasType::Alias);
        let lang = cols.lang.and_then(|i| fields.get(i)).cloned().unwrap_or_default();
        let name = fields.get(cols.name).cloned().unwrap_or_default();
        let row = Row { comments: std::mem::take(&mut comments), fields, alias_type, lang, name };
        let next = groups.len();
        let g = *group_of.entry(id).or_insert(next);
        if g == next {
            groups.push(Vec::new());
        }
        let group = &mut groups[g];
        // A repeated row counts once when loading; its comments are kept.
        match group.iter_mut().find(|r| r.fields == row.fields) {
            Some(first) => first.comments.extend(row.comments),
            None => group.push(row),
        }
    }
    for mut group in groups {
        let head = group
            .iter()
            .position(|r| r.alias_type == AliasType::Canonical)
            .or_else(|| group.iter().position(|r| r.alias_type != AliasType::Suppress))
            .map(|i| group.remove(i));
        group.sort_by(|a, b| {
            (rank(a.alias_type), &a.lang, &a.name).cmp(&(rank(b.alias_type), &b.lang, &b.name))
        });
        for row in head.iter().chain(&group) {
            for c in &row.comments {
                out.push_str(c);
                out.push('\n');
            }
            out.push_str(&row.fields.join("\t"));
            out.push('\n');
        }
    }
    for c in comments {
        out.push_str(c);
        out.push('\n');
    }
    Ok(out)
}

/// The order of a group's rows after its head.
fn rank(t: AliasType) -> u8 {
    match t {
        AliasType::Suppress => 0,
        AliasType::Canonical => 1,
        AliasType::Alias => 2,
        AliasType::Abbrev => 3,
        AliasType::Demonym => 4,
        AliasType::Former => 5,
    }
}

struct Row<'t> {
    comments: Vec<&'t str>,
    fields: Vec<String>,
    alias_type: AliasType,
    lang: String,
    name: String,
}

struct Columns {
    id: usize,
    name: usize,
    lang: Option<usize>,
    alias_type: Option<usize>,
}

impl Columns {
    fn new(header: &str) -> Columns {
        let names: Vec<&str> = header.split('\t').map(str::trim).collect();
        let at = |c: &str| names.iter().position(|n| *n == c);
        // `parse` has checked that the header has both.
        Columns {
            id: at("id").unwrap_or(0),
            name: at("name").unwrap_or(1),
            lang: at("lang"),
            alias_type: at("type"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(text: &str) -> String {
        format_table("t.tsv", text.as_bytes()).unwrap()
    }

    #[test]
    fn groups_sorts_trims_and_drops_repeats() {
        let table = "\u{feff}# head\r\n\r\nid\tname\tlang\ttype\r\n\
                     city:a\t B \ten\tformer\r\n\
                     city:b\tBee\t\t\r\n\
                     # about A\r\n\
                     city:a\tA\ten\tcanonical\r\n\
                     \r\n\
                     city:a\tAy\tde\talias\r\n\
                     city:a\tA-old\ten\tsuppress\r\n\
                     city:a\tAa\ten\talias\r\n\
                     city:b\tBee\t\t\r\n\
                     # the end\r\n";
        assert_eq!(
            fmt(table),
            "# head\n\nid\tname\tlang\ttype\n\
             # about A\n\
             city:a\tA\ten\tcanonical\n\
             city:a\tA-old\ten\tsuppress\n\
             city:a\tAy\tde\talias\n\
             city:a\tAa\ten\talias\n\
             city:a\tB\ten\tformer\n\
             city:b\tBee\t\t\n\
             # the end\n"
        );
    }

    #[test]
    fn without_a_canonical_row_the_first_name_stays_first() {
        let table = "id\tname\ttype\nx\tZed\t\nx\tOld\tsuppress\nx\tAbe\talias\n";
        assert_eq!(fmt(table), "id\tname\ttype\nx\tZed\t\nx\tOld\tsuppress\nx\tAbe\talias\n");
    }

    #[test]
    fn names_are_composed() {
        assert_eq!(fmt("id\tname\nx\tKie\u{308}v\n"), "id\tname\nx\tKiëv\n");
    }

    #[test]
    fn formatting_twice_changes_nothing() {
        for table in [
            "id\tname\tlang\ttype\nb\tB\t\talias\n# c\na\tZ\tuk\tformer\na\tY\t\tcanonical\na\tX\tuk\t\n# end",
            "# only\nid\tname\n",
            "id\tname\ttype\nx\tOld\tsuppress\nx\tNew\tsuppress\n",
        ] {
            let once = fmt(table);
            assert_eq!(fmt(&once), once, "{table:?}");
        }
    }

    #[test]
    fn a_bad_table_is_an_error_with_its_line() {
        let err = format_table("t.tsv", b"id\tname\ttype\nx\tX\tnickname\n").unwrap_err();
        assert!(err.to_string().starts_with("t.tsv:2: unknown type"), "{err}");
    }
}
