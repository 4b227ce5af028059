import './zodWithoutEval';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { ServicesContext, type AppServices } from './app/services';
import { RecistDatabase } from './db/database';
import { createWorkerHeaderReader } from './import/headerWorkerPool';
import { SessionFiles } from './import/sessionFiles';
import { resolvePlatform } from './platform/resolve';
import './app/app.css';
import './reading/reading.css';

const services: AppServices = {
  platform: await resolvePlatform(),
  db: new RecistDatabase(),
  sessionFiles: new SessionFiles(),
  readFileHeaders: createWorkerHeaderReader(),
};

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html has no #root element');
createRoot(rootElement).render(
  <StrictMode>
    <ServicesContext.Provider value={services}>
      <App />
    </ServicesContext.Provider>
  </StrictMode>,
);
