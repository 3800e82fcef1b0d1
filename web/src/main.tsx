import { render } from 'preact';
import { App } from './app';
import { initI18n } from './i18n';
import './styles.css';

void initI18n().then(() => {
  const root = document.getElementById('app');
  if (root) render(<App />, root);
});
