//! Word lists shared by the rules (all lowercase).

/// Forms of "be" (stripped from the front of a figure's clause).
pub const BE: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "'s", "’s", "'re", "’re",
];

/// True when the token's text has no uppercase letter.
pub fn is_lower(lower: &str, text: &str) -> bool {
    lower == text
}

/// True when the word starts with an uppercase letter.
pub fn is_capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}
