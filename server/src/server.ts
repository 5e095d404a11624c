// Entry point of the Audit Lens language server. Speaks LSP over --stdio, or node IPC when the
// VS Code client starts it; any LSP editor can use it.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { AuditLensServer } from './lsp/auditLensServer';

const connection = createConnection(ProposedFeatures.all);
new AuditLensServer(connection);
connection.listen();
