//! The "Did you mean" of 3.13's "got an unexpected keyword argument"
//! errors: the candidate closest to the unknown name by CPython's weighted
//! edit distance (`_Py_CalculateSuggestions` in `Python/suggestions.c`), so
//! that a Rust function suggests what the C one would.

// 3.11 and 3.12 say "is an invalid keyword argument", suggesting nothing.
#![cfg(Py_3_13)]

/// Candidate lists this long get no suggestion: CPython bounds the work
/// done on an error path.
const MAX_CANDIDATE_ITEMS: usize = 750;
/// Strings whose differing middles are longer than this, in UTF-8 bytes,
/// are never close.
const MAX_STRING_SIZE: usize = 40;

/// The cost of inserting, deleting or replacing a byte.
const MOVE_COST: usize = 2;
/// The cost of replacing an ASCII letter with the same letter in the other
/// case: a cheaper typo than any other.
const CASE_COST: usize = 1;

/// The candidate to suggest for the unknown `name`, if one is close
/// enough: at most about a third of the bytes of both differ. A candidate
/// equal to `name` is never suggested. Of equally close candidates the
/// first wins. No suggestion when there are 750 or more candidates.
pub(crate) fn suggestion<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let mut best: Option<(&'a str, usize)> = None;
    for (index, candidate) in candidates.into_iter().enumerate() {
        if index == MAX_CANDIDATE_ITEMS - 1 {
            return None;
        }
        if candidate == name {
            continue;
        }
        let mut max_distance = (name.len() + candidate.len() + 3) * MOVE_COST / 6;
        if let Some((_, best_distance)) = best {
            // Only a strictly closer candidate can replace the best so far;
            // distinct strings are at least CASE_COST apart, so this never
            // underflows.
            max_distance = max_distance.min(best_distance - 1);
        }
        let distance = levenshtein_distance(name.as_bytes(), candidate.as_bytes(), max_distance);
        if distance <= max_distance {
            best = Some((candidate, distance));
        }
    }
    best.map(|(candidate, _)| candidate)
}

/// What replacing `a` with `b` costs: nothing if equal, [`CASE_COST`] for
/// an ASCII letter and its other case, [`MOVE_COST`] otherwise.
fn substitution_cost(a: u8, b: u8) -> usize {
    // Letters that differ only in case differ only in bit 5: anything that
    // differs in the low five bits is neither equal nor a case flip.
    if a & 31 != b & 31 {
        return MOVE_COST;
    }
    if a == b {
        0
    } else if a.eq_ignore_ascii_case(&b) {
        CASE_COST
    } else {
        MOVE_COST
    }
}

/// The edit distance from `a` to `b`, or any value above `max_cost` once
/// it is known to exceed it.
fn levenshtein_distance<'a>(mut a: &'a [u8], mut b: &'a [u8], max_cost: usize) -> usize {
    while let ([first_a, rest_a @ ..], [first_b, rest_b @ ..]) = (a, b) {
        if first_a != first_b {
            break;
        }
        (a, b) = (rest_a, rest_b);
    }
    while let ([rest_a @ .., last_a], [rest_b @ .., last_b]) = (a, b) {
        if last_a != last_b {
            break;
        }
        (a, b) = (rest_a, rest_b);
    }
    if a.is_empty() || b.is_empty() {
        return (a.len() + b.len()) * MOVE_COST;
    }
    if a.len() > MAX_STRING_SIZE || b.len() > MAX_STRING_SIZE {
        return max_cost + 1;
    }
    // One row of the matrix, as long as the shorter string.
    if b.len() < a.len() {
        (a, b) = (b, a);
    }
    if (b.len() - a.len()) * MOVE_COST > max_cost {
        return max_cost + 1;
    }

    // row[i]: the cost from the part of `b` seen so far to a[..=i].
    let mut row = [0; MAX_STRING_SIZE];
    for (i, cost) in row[..a.len()].iter_mut().enumerate() {
        *cost = (i + 1) * MOVE_COST;
    }
    let mut result = 0;
    for (b_index, &code) in b.iter().enumerate() {
        // The cost from b[..b_index] to a[..index], starting with a[..0].
        let mut diagonal = b_index * MOVE_COST;
        result = diagonal;
        let mut minimum = usize::MAX;
        for (index, &byte) in a.iter().enumerate() {
            let substitute = diagonal + substitution_cost(code, byte);
            diagonal = row[index];
            let insert_delete = result.min(diagonal) + MOVE_COST;
            result = insert_delete.min(substitute);
            row[index] = result;
            minimum = minimum.min(result);
        }
        if minimum > max_cost {
            // The whole row is already too far: so is every later one.
            return max_cost + 1;
        }
    }
    result
}
