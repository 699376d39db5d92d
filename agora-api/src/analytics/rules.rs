//! The rules the queries share: time frames, pages and grouping.

use crate::error::InvalidInput;

use super::lists::DimensionValues;
use super::values::{Dimension, RegionFilter};

/// The largest time frame a query may span, with what Agora calls it.
#[derive(Debug, Clone, Copy)]
pub(super) struct MaxSpan {
    /// The limit, in seconds.
    pub seconds: u64,
    /// The limit in words, with whose limit it is.
    pub label: &'static str,
}

/// Checks a `(name, value)` time frame: `end` after `start`, and at most
/// `max` long.
pub(super) fn check_time_frame(
    (start_field, start): (&'static str, u64),
    (end_field, end): (&'static str, u64),
    max: Option<MaxSpan>,
) -> Result<(), InvalidInput> {
    if end <= start {
        return Err(InvalidInput::new(
            end_field,
            format!("must be after {start_field} (got {start_field} {start}, {end_field} {end})"),
        ));
    }
    if let Some(max) = max {
        let span = end - start;
        if span > max.seconds {
            return Err(InvalidInput::new(
                end_field,
                format!(
                    "the time frame may span at most {} ({} s) (got {span} s)",
                    max.label, max.seconds
                ),
            ));
        }
    }
    Ok(())
}

/// Checks `page_no` (1 or more) and `page_size` (1 to 100).
pub(super) fn check_page(page_no: Option<u32>, page_size: Option<u32>) -> Result<(), InvalidInput> {
    if page_no == Some(0) {
        return Err(InvalidInput::new(
            "page_no",
            "must be 1 or more (pages are numbered from 1)",
        ));
    }
    if let Some(size) = page_size
        && !(1..=MAX_PAGE_SIZE).contains(&size)
    {
        return Err(InvalidInput::new(
            "page_size",
            format!("must be from 1 to {MAX_PAGE_SIZE} (got {size})"),
        ));
    }
    Ok(())
}

/// Agora's default page size.
pub(super) const DEFAULT_PAGE_SIZE: u32 = 20;
/// Agora's largest page size.
pub(super) const MAX_PAGE_SIZE: u32 = 100;

/// Checks a `dimension` with its `dimensionValues` and `filters`.
pub(super) fn check_grouping(
    dimension: Option<Dimension>,
    values: Option<&DimensionValues>,
    filters: Option<&[RegionFilter]>,
    allowed: &[Dimension],
    endpoint: &str,
) -> Result<(), InvalidInput> {
    if let Some(dimension) = dimension {
        dimension.check_in("dimension", allowed, endpoint)?;
    }
    if values.is_some() && dimension.is_none() {
        return Err(InvalidInput::new(
            "dimensionValues",
            "needs a dimension: the values are values of that dimension",
        ));
    }
    if let Some(filters) = filters {
        if dimension != Some(Dimension::Region) {
            return Err(InvalidInput::new(
                "filters",
                "applies only with dimension region",
            ));
        }
        if filters.len() != 1 {
            return Err(InvalidInput::new(
                "filters",
                format!(
                    "must hold exactly one country filter (got {})",
                    filters.len()
                ),
            ));
        }
        if filters.iter().any(|filter| filter.value.trim().is_empty()) {
            return Err(InvalidInput::new("filters.value", "must name a country"));
        }
    }
    Ok(())
}
