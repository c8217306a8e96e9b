//! Reading CoreNLP-annotated training data.
//!
//! A split directory holds `corenlp/NAME.tokens.tsv` (columns: sentence,
//! token, char start, char end, word, lemma, PTB POS, NER) and
//! `text/NAME.txt`. Offsets are Unicode code points into the text. The
//! words given to the taggers are the *surface* strings `text[start..end]`,
//! not CoreNLP's normalised word column (which writes ```` `` ```` for `“`,
//! `-LRB-` for `(` and so on), because at run time the words come from our
//! own tokenizer over the original text.

use std::fs;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::ner::EntityType;
use crate::pos::PosTag;

/// One annotated sentence.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sentence {
    /// Surface words, as in the original text.
    pub words: Vec<String>,
    /// CoreNLP's POS tags.
    pub pos: Vec<PosTag>,
    /// CoreNLP's lemmas.
    pub lemmas: Vec<String>,
    /// CoreNLP's 4-class NER label per token (`None` for `O` and for the
    /// numeric classes such as `DATE`).
    pub ner: Vec<Option<EntityType>>,
}

impl Sentence {
    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// True when the sentence has no token.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The words as `&str`s.
    pub fn word_refs(&self) -> Vec<&str> {
        self.words.iter().map(String::as_str).collect()
    }
}

/// One annotated document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Document {
    /// File stem (`NAME`).
    pub name: String,
    /// Its sentences, in order.
    pub sentences: Vec<Sentence>,
}

/// Reads every document of a split directory, in file-name order.
/// Documents without a `.tokens.tsv` file are skipped.
pub fn read_split(dir: &Path) -> Result<Vec<Document>> {
    let corenlp = dir.join("corenlp");
    let entries = fs::read_dir(&corenlp).map_err(|e| Error::io(&corenlp, e))?;
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(&corenlp, e))?;
        let file = entry.file_name();
        if let Some(stem) = file.to_str().and_then(|f| f.strip_suffix(".tokens.tsv")) {
            names.push(stem.to_string());
        }
    }
    names.sort();
    let mut docs = Vec::with_capacity(names.len());
    for name in names {
        let tsv = corenlp.join(format!("{name}.tokens.tsv"));
        let txt = dir.join("text").join(format!("{name}.txt"));
        let text = fs::read_to_string(&txt).map_err(|e| Error::io(&txt, e))?;
        let tsv_text = fs::read_to_string(&tsv).map_err(|e| Error::io(&tsv, e))?;
        let sentences = parse_tokens(&tsv_text, &text, &tsv)?;
        docs.push(Document { name, sentences });
    }
    if docs.iter().all(|d| d.sentences.is_empty()) {
        return Err(Error::NoData {
            path: dir.to_path_buf(),
        });
    }
    Ok(docs)
}

/// Every sentence of `docs`, in order.
pub fn sentences(docs: &[Document]) -> impl Iterator<Item = &Sentence> {
    docs.iter().flat_map(|d| d.sentences.iter())
}

/// Parses one `.tokens.tsv` file against its text. `path` is only used in
/// error messages.
pub fn parse_tokens(tsv: &str, text: &str, path: &Path) -> Result<Vec<Sentence>> {
    // Byte offset of every code point (and of the end).
    let mut offsets: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    offsets.push(text.len());
    let err = |line: usize, m: String| Error::parse(PathBuf::from(path), line, m);
    let mut out: Vec<Sentence> = Vec::new();
    let mut current = Sentence::default();
    let mut current_id = None;
    for (i, line) in tsv.lines().enumerate() {
        let n = i + 1;
        if line.is_empty() || (n == 1 && line.starts_with("sentence\t")) {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 8 {
            return Err(err(n, format!("expected 8 columns, found {}", cols.len())));
        }
        let num = |c: usize, what: &str| -> Result<usize> {
            cols[c]
                .parse::<usize>()
                .map_err(|_| err(n, format!("{what} {:?} is not a number", cols[c])))
        };
        let sent = num(0, "sentence")?;
        let (start, end) = (num(2, "start")?, num(3, "end")?);
        if start > end || end >= offsets.len() {
            return Err(err(
                n,
                format!(
                    "offsets {start}..{end} outside the text ({} chars)",
                    offsets.len() - 1
                ),
            ));
        }
        let pos = PosTag::parse(cols[6])
            .ok_or_else(|| err(n, format!("unknown POS tag {:?}", cols[6])))?;
        let ner = match cols[7] {
            "PERSON" => Some(EntityType::Person),
            "ORGANIZATION" => Some(EntityType::Organization),
            "LOCATION" => Some(EntityType::Location),
            "MISC" => Some(EntityType::Misc),
            _ => None,
        };
        if current_id != Some(sent) {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            current_id = Some(sent);
        }
        let surface = &text[offsets[start]..offsets[end]];
        let word = if surface.trim().is_empty() {
            cols[4]
        } else {
            surface
        };
        current.words.push(word.to_string());
        current.pos.push(pos);
        current.lemmas.push(cols[5].to_string());
        current.ner.push(ner);
    }
    if !current.is_empty() {
        out.push(current);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surface_words_and_errors() {
        let text = "“Hi,” Ann said.";
        let tsv = "sentence\ttoken\tstart\tend\tword\tlemma\tpos\tner\n\
                   1\t1\t0\t1\t``\t``\t``\tO\n\
                   1\t2\t1\t3\tHi\thi\tUH\tO\n\
                   1\t3\t3\t4\t,\t,\t,\tO\n\
                   1\t4\t4\t5\t''\t''\t''\tO\n\
                   1\t5\t6\t9\tAnn\tAnn\tNNP\tPERSON\n\
                   1\t6\t10\t14\tsaid\tsay\tVBD\tO\n\
                   2\t1\t14\t15\t.\t.\t.\tO\n";
        let s = parse_tokens(tsv, text, Path::new("x.tsv")).unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].words, ["“", "Hi", ",", "”", "Ann", "said"]);
        assert_eq!(s[0].pos[0], PosTag::OpenQuote);
        assert_eq!(s[0].ner[4], Some(EntityType::Person));
        assert_eq!(s[0].lemmas[5], "say");
        let bad = "1\t1\t0\t99\tx\tx\tNN\tO\n";
        let e = parse_tokens(bad, text, Path::new("x.tsv")).unwrap_err();
        assert!(e.to_string().starts_with("x.tsv:1:"), "{e}");
        let bad = "1\t1\t0\t1\tx\tx\tZZ\tO\n";
        assert!(parse_tokens(bad, text, Path::new("x.tsv")).is_err());
    }
}
