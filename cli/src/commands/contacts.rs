//! `switchyard contacts …`: the address book (the names `send --to` accepts).

use clap::Subcommand;
use switchyard_core::views::ContactView;

use super::{CliError, Context};
use crate::output::Output;

/// The address book.
#[derive(Debug, Subcommand)]
pub enum ContactsCommand {
    /// Saved recipients, by name.
    List,
    /// Save a recipient (saving an address again renames it).
    Add {
        /// The name (what `send --to` accepts).
        name: String,
        /// The address (EIP-55 checksum enforced on mixed case).
        address: String,
    },
    /// Remove the contact at an address.
    Remove {
        /// The address.
        address: String,
    },
}

pub fn run(ctx: &Context<'_>, cmd: ContactsCommand) -> Result<(), CliError> {
    match cmd {
        ContactsCommand::List => {
            let contacts: Vec<ContactView> = ctx
                .wallet
                .contacts()?
                .iter()
                .map(ContactView::from)
                .collect();
            ctx.out.show(&contacts, || {
                if contacts.is_empty() {
                    return "No contacts yet. Add one with `switchyard contacts add NAME 0xADDRESS`."
                        .into();
                }
                let rows = contacts
                    .iter()
                    .map(|c| vec![c.name.clone(), c.address.clone()])
                    .collect();
                Output::table(&["Name", "Address"], rows)
            });
        }
        ContactsCommand::Add { name, address } => {
            let contact = ContactView::from(&ctx.wallet.save_contact(&name, &address)?);
            ctx.out.show(&contact, || {
                format!("Saved {} as \"{}\".", contact.address, contact.name)
            });
        }
        ContactsCommand::Remove { address } => {
            ctx.wallet.remove_contact(&address)?;
            ctx.out
                .show(&serde_json::json!({ "removed": address }), || {
                    format!("Removed the contact at {address}.")
                });
        }
    }
    Ok(())
}
