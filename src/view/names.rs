//! Partner and channel names by id, for the `*_name` fields of the view.

use crate::campaign::Campaign;

pub struct Names<'a> {
    partners: Vec<(&'a str, &'a str)>,
    channels: Vec<(String, String)>,
}

impl<'a> Names<'a> {
    pub fn of(campaign: &'a Campaign) -> Self {
        let mut names = Names {
            partners: Vec::new(),
            channels: Vec::new(),
        };
        for (_, _, p) in campaign.partners() {
            if let (Some(id), Some(name)) = (&p.id, &p.name) {
                names.partners.push((id.as_str(), name.as_str()));
            }
            for c in &p.channels {
                if let Some(id) = &c.id {
                    let name = c.name.clone().unwrap_or_else(|| id.to_string());
                    names.channels.push((id.to_string(), name));
                }
            }
        }
        names
    }

    /// The name of the partner with `id`, when it has one.
    pub fn partner(&self, id: Option<&crate::model::Id>) -> Option<String> {
        let id = id?.as_str();
        self.partners
            .iter()
            .find(|(pid, _)| *pid == id)
            .map(|(_, n)| n.to_string())
    }

    /// The name of the channel with `id`, or its id when it has no name.
    pub fn channel(&self, id: Option<&crate::model::Id>) -> Option<String> {
        let id = id?.as_str();
        self.channels
            .iter()
            .find(|(cid, _)| cid == id)
            .map(|(_, n)| n.clone())
    }
}
