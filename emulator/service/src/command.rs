//! The commands served under `/v4/recentcontact/`.

/// One `/v4/recentcontact/{command}`. Every `match` on it is exhaustive, so a new command
/// without a handler does not compile.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Command {
    Top,
    MarkContact,
    CreateContactGroup,
    GetContactGroup,
    UpdateContactGroup,
    DelContactGroup,
    SearchContactGroup,
    GetList,
    Delete,
}

impl Command {
    /// Every command, in the order the README lists them.
    pub const ALL: [Command; 9] = [
        Command::Top,
        Command::MarkContact,
        Command::CreateContactGroup,
        Command::GetContactGroup,
        Command::UpdateContactGroup,
        Command::DelContactGroup,
        Command::SearchContactGroup,
        Command::GetList,
        Command::Delete,
    ];

    /// The path segment, e.g. `mark_contact`.
    pub fn name(self) -> &'static str {
        match self {
            Command::Top => "top",
            Command::MarkContact => "mark_contact",
            Command::CreateContactGroup => "create_contact_group",
            Command::GetContactGroup => "get_contact_group",
            Command::UpdateContactGroup => "update_contact_group",
            Command::DelContactGroup => "del_contact_group",
            Command::SearchContactGroup => "search_contact_group",
            Command::GetList => "get_list",
            Command::Delete => "delete",
        }
    }

    /// The command named `name`, if served.
    pub fn parse(name: &str) -> Option<Command> {
        Command::ALL.into_iter().find(|c| c.name() == name)
    }

    /// Whether a successful call changes the data (and so the saved state).
    pub fn mutates(self) -> bool {
        match self {
            Command::Top
            | Command::MarkContact
            | Command::CreateContactGroup
            | Command::UpdateContactGroup
            | Command::DelContactGroup
            | Command::Delete => true,
            Command::GetContactGroup | Command::SearchContactGroup | Command::GetList => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_unique() {
        for c in Command::ALL {
            assert_eq!(Command::parse(c.name()), Some(c));
        }
        let mut names: Vec<&str> = Command::ALL.iter().map(|c| c.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Command::ALL.len());
        assert_eq!(Command::parse("delete_everything"), None);
    }
}
