//! nomen makes the names of people, places and organisations comparable
//! across languages and scripts: every spelling of a name (Zelenskyy,
//! Zelensky, Selenskyj, Zełenski, Зеленський, 泽连斯基) maps to one ID, and
//! such names are found in running text with exact byte offsets.
//!
//! The main types, in pipeline order:
//! - [`Scheme`]: a named transliteration standard (`uk_kmu_2010`,
//!   `wikipedia`, …); [`transliterate`] picks one per script run;
//! - [`MatchKey`]: the normalised key under which spellings of a name meet;
//! - [`Registry`]: entities and aliases from layered TSV tables, the built-in
//!   ones first;
//! - [`Resolver`]: one name → scored candidate entities;
//! - [`Extractor`]: text → [`Mention`]s with byte offsets into the original
//!   (a text too large to hold at once: piece by piece, as one [`Document`]).
//!
//! All of them are `Send + Sync`, and no function panics on any input text.
//!
//! # Example: resolve a name
//! ```
//! use nomen::{Registry, Resolver};
//!
//! let registry = Registry::builtin()?;
//! let resolver = Resolver::new(&registry);
//! let resolution = resolver.resolve("Зеленский");
//! assert_eq!(resolution.matches[0].entity.id(), "person:volodymyr-zelenskyy");
//! # Ok::<(), nomen::Error>(())
//! ```
//!
//! # Example: find names in text
//! ```
//! use nomen::{Extractor, Registry};
//!
//! let registry = Registry::builtin()?;
//! let text = "Zelenskyy met Xi Jinping in Beijing. Xi said little.";
//! let mentions = Extractor::new(&registry).extract(text);
//! let found: Vec<(&str, &str)> = mentions.iter().map(|m| (&text[m.start..m.end], m.method.as_str())).collect();
//! assert_eq!(found, [("Zelenskyy", "partial"), ("Xi Jinping", "exact"), ("Beijing", "exact"), ("Xi", "coref")]);
//! assert_eq!(mentions[2].entity.id(), "city:beijing");
//! # Ok::<(), nomen::Error>(())
//! ```
//! A distinctive surname alone (Zelenskyy) is found with a lower score; a
//! short or common one (Xi, Kim) only after the full name appeared in the
//! same text.
//!
//! # Example: your own table on top of the built-in ones
//! ```
//! use nomen::{Registry, Resolver};
//!
//! let table = "id\tkind\tname\tlang\ttype\n\
//!              person:ada-lovelace\tperson\tAda Lovelace\ten\tcanonical\n\
//!              person:ada-lovelace\tperson\tАда Лавлейс\tru\talias\n";
//! let registry = Registry::builder().add_table("mine.tsv", table).build()?;
//! let resolver = Resolver::new(&registry);
//! assert_eq!(resolver.resolve("Ada Lavleys").matches[0].entity.id(), "person:ada-lovelace");
//! # Ok::<(), nomen::Error>(())
//! ```
//!
//! # What is not provided
//! No morphological analysis (inflected forms such as Зеленського are found
//! by stripping the endings of `tables/names/inflection.tsv`, not by a
//! dictionary of the language), no statistical NER: only names the registry
//! knows, their spellings, and parts of names already seen in full are
//! found.

// One exception, in `snapshot::map`: memory-mapping the cache's files.
#![deny(unsafe_code)]
#![warn(missing_docs)]

mod error;
mod extract;
mod normalize;
mod registry;
mod resolve;
mod snapshot;
mod translit;
mod util;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

pub use crate::{
    error::{Error, ErrorKind, Location},
    extract::{Document, Extractor, FUZZY_MENTION_MIN, Mention},
    normalize::{MatchKey, Stages, normalize, stages},
    registry::{
        Alias, AliasType, Aliases, Attrs, Entities, Entity, Kind, Registry, RegistryBuilder, Source,
        format_table,
    },
    resolve::{
        AMBIGUITY_MARGIN, DEFAULT_MIN_SCORE, MAX_QUERY_BYTES, Match, Method, Resolution, ResolveOptions,
        Resolver, WordPair,
    },
    translit::{Scheme, transliterate},
};

/// The README's Rust examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
