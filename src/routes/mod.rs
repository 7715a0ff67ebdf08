//! The pages, one file each. A page reads its data through `crate::storage` or `crate::api`;
//! the rules it shows come from `guichet_core`.

pub mod apply;
pub mod catalog_entry;
pub mod disclosure;
pub mod disclosure_guide;
pub mod drafts;
pub mod feedback;
pub mod guide;
pub mod home;
pub mod not_found;
pub mod print_form;
pub mod receipt;
pub mod service;
pub mod settings;
pub mod supplement;
pub mod track;
pub mod village_day;
