//! The address book: the names a recipient can be typed as.

use switchyard_core::views::ContactView;
use tauri::State;

use super::CmdResult;
use crate::host::Host;

/// The address book.
#[tauri::command]
#[specta::specta]
pub async fn contacts_list(host: State<'_, Host>) -> CmdResult<Vec<ContactView>> {
    host.call("contacts_list", |ctx| async move {
        Ok(ctx
            .unlocked()?
            .contacts()?
            .iter()
            .map(ContactView::from)
            .collect())
    })
    .await
}

/// Saves a contact (a second save of an address renames it).
#[tauri::command]
#[specta::specta]
pub async fn contacts_save(
    host: State<'_, Host>,
    name: String,
    address: String,
) -> CmdResult<ContactView> {
    host.call("contacts_save", move |ctx| async move {
        Ok(ContactView::from(
            &ctx.unlocked()?.save_contact(&name, &address)?,
        ))
    })
    .await
}

/// Removes a contact.
#[tauri::command]
#[specta::specta]
pub async fn contacts_remove(host: State<'_, Host>, address: String) -> CmdResult<()> {
    host.call("contacts_remove", move |ctx| async move {
        Ok(ctx.unlocked()?.remove_contact(&address)?)
    })
    .await
}
