//! `quotegraph train`: rebuild the embedded models from the shared data.

use std::path::Path;
use std::time::Instant;

use anyhow::Context;
use quotegraph_core::attribution::{
    cue_bounds, find_attributions, learned_contents, learned_sources, source_query,
    source_token_range, SourcePolicy,
};
use quotegraph_core::cues::Cue;
use quotegraph_core::doc::{CueStage, PosStage};
use quotegraph_core::learn::{
    filter, AttributionFilter, CueModel, CueSpanExample, CueSpanModel, Role, SpanContext,
    SpanExample, SpanModel, SpanQuery,
};
use quotegraph_core::Pipeline;
use quotegraph_eval::{load_gold, CharOffsets};

/// Writes one model file into `out_dir`; its path and size, for the log.
fn write_model(out_dir: &Path, name: &str, bytes: &[u8]) -> anyhow::Result<String> {
    let p = out_dir.join(format!("{name}.bin"));
    std::fs::write(&p, bytes).with_context(|| format!("writing {}", p.display()))?;
    Ok(format!("{} ({} bytes)", p.display(), bytes.len()))
}

/// Folds of the cross-fitted cue models (see `run`). On an 80/20 split of
/// PolNeAR train, 3, 5 and 10 folds gave exact cue F1 63.9, 64.0 and 63.5
/// before the attribution filter, against 63.2 with the full cue model.
const CROSS_FIT_FOLDS: usize = 5;

/// Trains the cue model on the gold attributions in `gold_dir` and writes
/// `cue.bin` into `out_dir`. Deterministic for a given seed.
pub fn run(gold_dir: &Path, out_dir: &Path, epochs: usize, seed: u64) -> anyhow::Result<()> {
    let started = Instant::now();
    let gold = load_gold(gold_dir).with_context(|| format!("reading {}", gold_dir.display()))?;
    // the model sees the layers the rules see, without itself
    let pipeline = Pipeline::standard_with_cues(PosStage::default(), CueStage { learned: false });
    let mut docs = Vec::with_capacity(gold.docs.len());
    let mut source_examples = Vec::with_capacity(gold.docs.len());
    for d in &gold.docs {
        let doc = pipeline
            .annotate(&d.text)
            .with_context(|| format!("annotating {}", d.name))?;
        let offsets = CharOffsets::new(&d.text);
        let mut labels = vec![false; doc.tokens.len()];
        for a in &d.attributions {
            for c in &a.roles.cue {
                let Some(r) = offsets.byte_range(*c) else {
                    continue;
                };
                let first = doc.tokens.partition_point(|t| t.span.end() <= r.start);
                for (k, t) in doc.tokens.iter().enumerate().skip(first) {
                    if t.span.start() >= r.end {
                        break;
                    }
                    labels[k] = true;
                }
            }
        }
        source_examples.push(source_examples_of(&doc, &offsets, d));
        docs.push((doc, labels));
    }
    let refs: Vec<_> = docs.iter().map(|(d, l)| (d, l.clone())).collect();
    let model = CueModel::train(&refs, epochs, seed);
    std::fs::create_dir_all(out_dir).with_context(|| format!("creating {}", out_dir.display()))?;
    let cue_written = write_model(out_dir, "cue", &model.to_bytes())?;
    // the span models: sources for gold cues; contents for gold cues and,
    // as negatives, for cues the new cue model finds that the gold lacks
    let span_started = Instant::now();
    let mut content_examples = Vec::with_capacity(docs.len());
    let mut found_cues_of = Vec::with_capacity(docs.len());
    // cross-fitting: the cues of each article come from a cue model trained
    // on the other folds, so the span models, the cue-boundary model and the
    // filter learn from cues as the cue model finds them on unseen text,
    // false ones included (the full model has learned train's cues by heart)
    let fold_models: Vec<CueModel> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..CROSS_FIT_FOLDS)
            .map(|f| {
                let part: Vec<_> = docs
                    .iter()
                    .enumerate()
                    .filter(|(k, _)| k % CROSS_FIT_FOLDS != f)
                    .map(|(_, (d, l))| (d, l.clone()))
                    .collect();
                scope.spawn(move || CueModel::train(&part, epochs, seed))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("a cue-model training thread panicked"))
            .collect()
    });
    for (di, ((doc, labels), examples)) in docs.iter().zip(&source_examples).enumerate() {
        let model = &fold_models[di % CROSS_FIT_FOLDS];
        let mut ex: Vec<SpanExample> = examples
            .iter()
            .map(|e| SpanExample {
                query: SpanQuery {
                    cue: e.query.cue,
                    content: vec![],
                    rule: None,
                },
                gold: e.query.content.iter().fold(None, |acc, &(a, b)| match acc {
                    None => Some((a, b)),
                    Some((x, y)) => Some((x.min(a), y.max(b))),
                }),
            })
            .collect();
        let in_quote = doc.in_quote();
        let rules = quotegraph_core::cues::find_cues(
            doc.text(),
            &doc.tokens,
            &doc.lower,
            &doc.pos,
            &in_quote,
        );
        let found_cues = quotegraph_core::cues::refine_with_model(doc, &in_quote, rules, model);
        for c in &found_cues {
            let (a, b) = (c.first_token as usize, c.end_token as usize);
            if !labels[a..b].iter().any(|&l| l) {
                ex.push(SpanExample {
                    query: SpanQuery {
                        cue: (a, b),
                        content: vec![],
                        rule: None,
                    },
                    gold: None,
                });
            }
        }
        content_examples.push(ex);
        found_cues_of.push(found_cues);
    }
    let train_span = |role: Role, name: &str, examples: Vec<Vec<SpanExample>>| {
        let span_docs: Vec<_> = docs
            .iter()
            .zip(examples)
            .map(|((d, _), ex)| (d, ex))
            .collect();
        let (m, stats) = SpanModel::train(&span_docs, role, epochs, seed);
        let written = write_model(out_dir, name, &m.to_bytes())?;
        eprintln!(
            "quotegraph: train: {name} model from {} cues ({} gold spans out of its reach skipped): {written}",
            stats.used, stats.unreachable,
        );
        anyhow::Ok(m)
    };
    let content_model = train_span(Role::Content, "content", content_examples)?;
    // what the rules and the new content model find on each article, with
    // the new cue model's cues: the source model and then the cue-boundary
    // model also learn from these, as they see them at run time
    let mut found: Vec<Found> = docs
        .iter()
        .zip(found_cues_of)
        .map(|((doc, _), cues)| Found::new(doc, cues, &content_model))
        .collect();
    // the source model: the gold cues with their gold contents, and each
    // found attribution with the gold source of the gold attribution whose
    // cue it overlaps most
    let with_found: Vec<Vec<SpanExample>> = source_examples
        .iter()
        .zip(&found)
        .map(|(gold, f)| {
            let mut ex = gold.clone();
            ex.extend(f.source_examples(gold));
            ex
        })
        .collect();
    let source_model = train_span(Role::Source, "source", with_found)?;
    // the cue-boundary model: each found cue with the source and content
    // found for it (which bound it at run time), paired with the gold cue it
    // overlaps most
    let cue_span_docs: Vec<_> = found
        .iter_mut()
        .zip(&source_examples)
        .map(|(f, gold)| {
            let ex = f.cue_span_examples(gold, &source_model);
            (&f.doc, ex)
        })
        .collect();
    let (cue_span, stats) = CueSpanModel::train(&cue_span_docs, epochs, seed);
    let written = write_model(out_dir, "cue_span", &cue_span.to_bytes())?;
    eprintln!(
        "quotegraph: train: cue boundary model from {} cues ({} out of its reach skipped): {written}",
        stats.used, stats.unreachable,
    );
    // the attribution filter: every found attribution (with the sources the
    // new source model chose), kept when its cue overlaps a gold cue
    let filter_examples: Vec<(Vec<u64>, bool)> = found
        .iter()
        .zip(&source_examples)
        .flat_map(|(f, gold)| f.filter_examples(gold))
        .collect();
    let filter = AttributionFilter::train(&filter_examples, epochs, seed);
    let written = write_model(out_dir, "filter", &filter.to_bytes())?;
    eprintln!(
        "quotegraph: train: attribution filter from {} attributions ({} kept): {written}",
        filter_examples.len(),
        filter_examples.iter().filter(|(_, k)| *k).count(),
    );
    eprintln!(
        "quotegraph: train: span models in {:.1} s",
        span_started.elapsed().as_secs_f64()
    );
    eprintln!(
        "quotegraph: train: cue model from {} articles, {} epochs, seed {}: {cue_written} in {:.1} s",
        gold.docs.len(),
        epochs,
        seed,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// One train article with the new cue model's cues, and the attributions
/// the rules and the new content model find with them.
struct Found {
    doc: quotegraph_core::Doc,
    attributions: Vec<quotegraph_core::attribution::Attribution>,
}

impl Found {
    fn new(doc: &quotegraph_core::Doc, cues: Vec<Cue>, content_model: &SpanModel) -> Found {
        let mut doc = doc.clone();
        doc.cues = cues;
        let mut attributions = find_attributions(&doc);
        let cx = SpanContext::new(&doc);
        learned_contents(&doc, &mut attributions, &cx, content_model);
        Found { doc, attributions }
    }

    /// Each found attribution's source question with the gold source of the
    /// gold attribution whose cue it overlaps most.
    fn source_examples(&self, gold: &[SpanExample]) -> Vec<SpanExample> {
        self.attributions
            .iter()
            .filter_map(|a| source_query(&self.doc, a))
            .filter_map(|query| {
                overlapping_most(gold, query.cue).map(|e| SpanExample {
                    gold: e.gold,
                    query,
                })
            })
            .collect()
    }

    /// After the source model has run on the found attributions: each cue
    /// with the tokens its source and content leave it, paired with the gold
    /// cue it overlaps most.
    fn cue_span_examples(
        &mut self,
        gold: &[SpanExample],
        source_model: &SpanModel,
    ) -> Vec<CueSpanExample> {
        let cx = SpanContext::new(&self.doc);
        learned_sources(
            &self.doc,
            &mut self.attributions,
            &cx,
            source_model,
            SourcePolicy::All,
        );
        self.attributions
            .iter()
            .filter_map(|a| cue_bounds(&self.doc, a))
            .filter_map(|(found, bounds)| {
                overlapping_most(gold, found).map(|e| CueSpanExample {
                    found,
                    gold: e.query.cue,
                    bounds,
                })
            })
            .collect()
    }

    /// Each found attribution's filter features, labelled true when its
    /// cue overlaps a gold cue.
    fn filter_examples(&self, gold: &[SpanExample]) -> Vec<(Vec<u64>, bool)> {
        self.attributions
            .iter()
            .filter(|a| a.carried_from.is_none())
            .filter_map(|a| {
                let q = source_query(&self.doc, a)?;
                let mut f = Vec::new();
                filter::features(&self.doc, a, &mut f);
                let label = overlapping_most(gold, q.cue).is_some();
                (!f.is_empty()).then_some((f, label))
            })
            .collect()
    }
}

/// The gold example whose cue overlaps tokens `[a, b)` most (the earliest
/// on a tie).
fn overlapping_most(gold: &[SpanExample], (a, b): (usize, usize)) -> Option<&SpanExample> {
    gold.iter()
        .filter(|e| e.query.cue.0 < b && a < e.query.cue.1)
        .max_by_key(|e| {
            let (x, y) = e.query.cue;
            (y.min(b) - x.max(a), std::cmp::Reverse(x))
        })
}

/// The source-model examples of one gold article: for every gold cue, its
/// content, its gold source, and the source the rules find for that cue.
fn source_examples_of(
    doc: &quotegraph_core::Doc,
    offsets: &CharOffsets,
    d: &quotegraph_eval::GoldDoc,
) -> Vec<SpanExample> {
    let tokens_of = |spans: &[quotegraph_eval::CharSpan]| -> Option<(usize, usize)> {
        let mut lo = usize::MAX;
        let mut hi = 0;
        for s in spans {
            let r = offsets.byte_range(*s)?;
            let a = doc.tokens.partition_point(|t| t.span.end() <= r.start);
            let b = doc.tokens.partition_point(|t| t.span.start() < r.end);
            if a < b {
                lo = lo.min(a);
                hi = hi.max(b);
            }
        }
        (lo < hi).then_some((lo, hi))
    };
    let mut queries = Vec::new();
    for a in &d.attributions {
        let Some(cue) = tokens_of(&a.roles.cue) else {
            continue;
        };
        let content = a
            .roles
            .content
            .iter()
            .filter_map(|s| tokens_of(std::slice::from_ref(s)))
            .collect();
        queries.push((cue, content, tokens_of(&a.roles.source)));
    }
    // what the rules make of exactly these cues
    let mut with_gold_cues = doc.clone();
    let mut cues: Vec<Cue> = queries
        .iter()
        .map(|((a, b), _, _)| Cue::from_tokens(doc, *a, *b))
        .collect();
    cues.sort_by_key(|c| (c.first_token, c.end_token));
    cues.dedup_by_key(|c| c.first_token);
    with_gold_cues.cues = cues;
    let rules = find_attributions(&with_gold_cues);
    let rule_of = |cue: (usize, usize)| {
        rules
            .iter()
            .filter(|r| r.carried_from.is_none())
            .find(|r| {
                r.cue
                    .first()
                    .is_some_and(|c| c.start() == doc.tokens[cue.0].span.start())
            })
            .and_then(|r| source_token_range(doc, r))
    };
    queries
        .into_iter()
        .map(|(cue, content, gold)| SpanExample {
            query: SpanQuery {
                cue,
                content,
                rule: rule_of(cue),
            },
            gold,
        })
        .collect()
}
