//! A loaded campaign: its settings and its typed documents, each with the
//! node tree it came from so any check can point at the exact source node.
//! Pure data: loading lives in [`crate::load`].

use std::path::PathBuf;
use std::sync::Arc;

use crate::diagnostic::SourceFile;
use crate::model::evaluation::Metric;
use crate::model::meeting::Meeting;
use crate::model::partners::Partner;
use crate::model::plan::Plan;
use crate::model::{Body, Config, EvaluationDoc, Kind, PartnersDoc};
use crate::source::Span;
use crate::yaml::{Node, Seg};

/// One document of a YAML file.
#[derive(Debug, Clone)]
pub struct Document {
    pub file: Arc<SourceFile>,
    /// Position of the document in its file, from 0.
    pub index: usize,
    pub root: Node,
    pub body: Body,
}

impl Document {
    pub fn kind(&self) -> Kind {
        self.body.kind()
    }

    /// Span of the node at `path`, or of the nearest part of it that exists.
    pub fn span(&self, path: &[Seg<'_>]) -> Span {
        self.root.span_at(path)
    }

    /// Span of the key at the end of `path`, falling back to the value's.
    pub fn key_span(&self, path: &[Seg<'_>]) -> Span {
        self.root
            .key_span_at(path)
            .unwrap_or_else(|| self.span(path))
    }

    pub fn node(&self, path: &[Seg<'_>]) -> Option<&Node> {
        self.root.at(path)
    }
}

/// `collab.toml` as loaded.
#[derive(Debug, Clone)]
pub struct ConfigFile {
    pub file: Arc<SourceFile>,
    pub root: Node,
    pub config: Config,
}

impl ConfigFile {
    pub fn span(&self, path: &[Seg<'_>]) -> Span {
        self.root.span_at(path)
    }
}

/// A campaign folder and everything loaded from it.
#[derive(Debug, Clone)]
pub struct Campaign {
    pub root: PathBuf,
    pub config: ConfigFile,
    pub documents: Vec<Document>,
    /// YAML files read (with or without collab documents in them).
    pub files: usize,
    /// Some file could not be read as YAML, so cross-document checks would
    /// only report the gaps it leaves.
    pub incomplete: bool,
}

impl Campaign {
    pub fn settings(&self) -> &Config {
        &self.config.config
    }

    pub fn docs(&self, kind: Kind) -> impl Iterator<Item = &Document> {
        self.documents.iter().filter(move |d| d.kind() == kind)
    }

    /// Every partner with its document and index.
    pub fn partners(&self) -> impl Iterator<Item = (&Document, usize, &Partner)> {
        self.documents.iter().flat_map(|d| match &d.body {
            Body::Partners(PartnersDoc { partners, .. }) => partners
                .iter()
                .enumerate()
                .map(|(i, p)| (d, i, p))
                .collect::<Vec<_>>(),
            _ => Vec::new(),
        })
    }

    /// The first plan, if any.
    pub fn plan(&self) -> Option<(&Document, &Plan)> {
        self.documents.iter().find_map(|d| match &d.body {
            Body::Plan(p) => Some((d, p.as_ref())),
            _ => None,
        })
    }

    pub fn metrics(&self) -> impl Iterator<Item = (&Document, usize, &Metric)> {
        self.documents.iter().flat_map(|d| match &d.body {
            Body::Evaluation(EvaluationDoc { metrics, .. }) => metrics
                .iter()
                .enumerate()
                .map(|(i, m)| (d, i, m))
                .collect::<Vec<_>>(),
            _ => Vec::new(),
        })
    }

    pub fn meetings(&self) -> impl Iterator<Item = (&Document, &Meeting)> {
        self.documents.iter().filter_map(|d| match &d.body {
            Body::Meeting(m) => Some((d, m.as_ref())),
            _ => None,
        })
    }
}
