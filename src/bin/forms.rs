//! Entry point of the citizen app's forms bundle (`/guide/apply`: the pre-review forms; built
//! from `forms/index.html` into `dist/guide/apply`): registers the strings it shows (the forms'
//! validators speak every area of the rules: `RULES` and `FORMS`; the catalog's, the desk's,
//! 办件查询's and the server's strings are not shown here) and mounts it.
use guichet_core::i18n::slices::{FORMS, FORMS_UI, RULES, UI};

fn main() {
    guichet_app::i18n::use_strings(&[RULES, UI, FORMS, FORMS_UI]);
    guichet_app::app::mount_forms();
}
