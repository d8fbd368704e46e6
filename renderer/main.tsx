import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { getClient } from './api/get-client';
import { App } from './app';
import { BridgeTokenMissingPage } from './features/shell/bridge-token-missing-page';
import './ui/styles.css';

// Before the router starts: in headless mode this takes the bridge token out of the URL fragment.
const client = getClient();

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

createRoot(container).render(
  <StrictMode>{client ? <App client={client} /> : <BridgeTokenMissingPage />}</StrictMode>,
);
