// The dashboard's shell: a hash router over six views, and the API key field.
import { apiKey, setApiKey } from './api.js';
import { clear, h } from './ui.js';
import { jobsView } from './jobs.js';
import { jobView } from './job.js';
import { datasetsView } from './datasets.js';
import { newJobView } from './new-job.js';
import { programView, programsView } from './programs.js';

const app = document.getElementById('app');
let current = null;

const routes = [
  [/^#\/jobs\/([0-9a-f-]{36})$/, (match) => jobView(match[1]), 'jobs'],
  [/^#\/programs\/([0-9a-f-]{36})$/, (match) => programView(match[1]), 'programs'],
  [/^#\/programs$/, () => programsView(), 'programs'],
  [/^#\/datasets$/, () => datasetsView(), 'datasets'],
  [/^#\/new$/, () => newJobView(), 'new'],
  [/^(#\/jobs)?$/, () => jobsView(), 'jobs'],
];

function route() {
  if (current && current.dispose) {
    current.dispose();
  }
  const hash = location.hash || '#/jobs';
  for (const [pattern, view, nav] of routes) {
    const match = pattern.exec(hash);
    if (match) {
      document.querySelectorAll('[data-nav]').forEach((link) => link.classList.toggle('active', link.dataset.nav === nav));
      current = view(match);
      clear(app, current.element);
      return;
    }
  }
  current = null;
  clear(app, h('section', { class: 'card' }, h('h2', {}, 'Not found'), h('p', {}, 'No page here. '), h('a', { href: '#/jobs' }, 'Back to the jobs')));
}

const keyInput = document.getElementById('apikey');
keyInput.value = apiKey();
keyInput.addEventListener('change', () => {
  setApiKey(keyInput.value.trim());
  route();
});
document.getElementById('apikey-form').addEventListener('submit', (event) => event.preventDefault());

window.addEventListener('hashchange', route);
route();
