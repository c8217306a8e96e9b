//! The gold set: a PolNeAR split read from `text/` and `attributions/`.

use crate::brat::{parse_ann, split_ann_name, AnnStats, BratEvent, BratSpan};
use crate::error::{read_utf8, EvalError};
use crate::span::RoleSpans;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// One gold attribution.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoldAttribution {
    /// The brat event id (`E3`).
    pub event_id: String,
    /// The event type: `Attribution` or `Attribution-no-source`.
    pub kind: String,
    /// The code point spans of each role, sorted and deduplicated; the cue is
    /// never empty.
    pub roles: RoleSpans,
}

/// One article of the gold set.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoldDoc {
    /// The article name (`politico_2016-09-08_flynn-says-...`).
    pub name: String,
    /// The article text, exactly as in `text/NAME.txt`.
    pub text: String,
    /// The `.ann` file used (the alphabetically first of the article).
    pub ann_file: String,
    /// Its annotator (`4b22`).
    pub annotator: String,
    /// The gold attributions, in event order.
    pub attributions: Vec<GoldAttribution>,
    /// Every `T` span of the `.ann` file, in file order.
    pub spans: Vec<BratSpan>,
    /// Every `E` event of the `.ann` file, in file order.
    pub events: Vec<BratEvent>,
    /// Counts for this file.
    pub stats: AnnStats,
}

/// Counts over the gold set (the reference scorer's `gold_stats`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoldStats {
    /// Articles read.
    pub articles: usize,
    /// Articles with more than one `.ann` file (counted over all `.ann`
    /// stems, including any without a text).
    pub articles_with_several_annotators: usize,
    /// The sum of the per-file [`AnnStats`].
    pub ann: AnnStats,
}

impl GoldStats {
    /// The JSON the reference scorer writes. As there, the per-event keys are
    /// absent when no article was read.
    pub fn to_json(&self) -> serde_json::Value {
        let mut m = serde_json::Map::new();
        m.insert("articles".into(), self.articles.into());
        m.insert(
            "articles_with_several_annotators".into(),
            self.articles_with_several_annotators.into(),
        );
        if self.articles > 0 {
            let a = &self.ann;
            m.insert("continuation_lines".into(), a.continuation_lines.into());
            m.insert("events".into(), a.events.into());
            m.insert("events_without_cue".into(), a.events_without_cue.into());
            m.insert(
                "events_without_source".into(),
                a.events_without_source.into(),
            );
            m.insert(
                "events_without_content".into(),
                a.events_without_content.into(),
            );
        }
        serde_json::Value::Object(m)
    }
}

/// A gold set: the articles sorted by name, with counts.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoldSet {
    /// The articles, sorted by name (names are unique).
    pub docs: Vec<GoldDoc>,
    /// Counts.
    pub stats: GoldStats,
    /// Articles with a `.ann` file but no text, skipped (the Python warns
    /// `no text for NAME`).
    pub docs_without_text: Vec<String>,
}

impl GoldSet {
    /// The article called `name`.
    pub fn get(&self, name: &str) -> Option<&GoldDoc> {
        let i = self
            .docs
            .binary_search_by(|d| d.name.as_str().cmp(name))
            .ok()?;
        Some(&self.docs[i])
    }

    /// Adds an article parsed from its text and `.ann` content (for gold sets
    /// built in memory), keeping the articles sorted and the counts up to date.
    /// An article of the same name is replaced (the counts then include both).
    pub fn insert(&mut self, name: &str, text: String, ann_file: &str, ann: &str) {
        let parsed = parse_ann(ann);
        let st = &mut self.stats;
        st.articles += 1;
        let a = &mut st.ann;
        a.continuation_lines += parsed.stats.continuation_lines;
        a.events += parsed.stats.events;
        a.events_without_cue += parsed.stats.events_without_cue;
        a.events_without_source += parsed.stats.events_without_source;
        a.events_without_content += parsed.stats.events_without_content;
        let annotator = split_ann_name(ann_file).map_or("", |(_, a)| a);
        let doc = GoldDoc {
            name: name.to_string(),
            text,
            ann_file: ann_file.to_string(),
            annotator: annotator.to_string(),
            attributions: parsed.attributions,
            spans: parsed.spans,
            events: parsed.events,
            stats: parsed.stats,
        };
        match self.docs.binary_search_by(|d| d.name.as_str().cmp(name)) {
            Ok(i) => self.docs[i] = doc,
            Err(i) => self.docs.insert(i, doc),
        }
    }
}

/// Reads a gold directory holding `text/NAME.txt` and
/// `attributions/NAME_ANNOTATOR.ann` (the reference scorer's `load_gold`).
///
/// Per article the alphabetically first `.ann` file is used. Articles with no
/// text are skipped and listed in [`GoldSet::docs_without_text`]. File names
/// that are not valid UTF-8 are ignored.
pub fn load_gold(dir: &Path) -> Result<GoldSet, EvalError> {
    let ann_dir = dir.join("attributions");
    let text_dir = dir.join("text");
    let mut by_stem: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let entries = std::fs::read_dir(&ann_dir).map_err(|e| EvalError::io(&ann_dir, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| EvalError::io(&ann_dir, e))?;
        let Ok(name) = entry.file_name().into_string() else {
            continue;
        };
        if let Some((stem, _)) = split_ann_name(&name) {
            by_stem
                .entry(stem.to_string())
                .or_default()
                .push(name.clone());
        }
    }
    let mut gold = GoldSet::default();
    gold.stats.articles_with_several_annotators = by_stem.values().filter(|v| v.len() > 1).count();
    for (stem, names) in &by_stem {
        let text_path = text_dir.join(format!("{stem}.txt"));
        if !text_path.exists() {
            gold.docs_without_text.push(stem.clone());
            continue;
        }
        let text = read_utf8(&text_path)?;
        // Byte order of UTF-8 strings is code point order, as Python sorts str.
        let first = names.iter().min().expect("every stem has a file");
        let ann = read_utf8(&ann_dir.join(first))?;
        gold.insert(stem, text, first, &ann);
    }
    Ok(gold)
}
