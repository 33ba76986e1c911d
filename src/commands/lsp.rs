//! `collab lsp`: the language server on stdin and stdout.

use crate::{Error, Options, Outcome};

pub fn run(o: &Options) -> Result<Outcome, Error> {
    let (connection, io_threads) = lsp_server::Connection::stdio();
    crate::lsp::serve(&connection, o.today).map_err(Error::Lsp)?;
    drop(connection);
    io_threads
        .join()
        .map_err(|e| Error::Lsp(format!("the connection failed: {e}")))?;
    Ok(Outcome::Success)
}
