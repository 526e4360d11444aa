// Jobs: newest first, filtered by status, refreshed every few seconds while the page is open.
import { api } from './api.js';
import { clear, dateTime, duration, elapsed, emptyRow, h, problemBox, progressBar, score, statusBadge } from './ui.js';

const STATUSES = ['', 'QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'];
const REFRESH_MILLIS = 3000;

export function jobsView() {
  const filter = h('select', { id: 'status-filter', 'aria-label': 'Status' },
    STATUSES.map((status) => h('option', { value: status }, status || 'All statuses')));
  filter.value = sessionStorage.getItem('mipro.jobs.status') || '';
  const body = h('tbody', { id: 'jobs-body' });
  const message = h('div');
  const updated = h('span', { class: 'muted' });
  const element = h('section', { class: 'card' },
    h('div', { class: 'card-head' },
      h('h2', {}, 'Jobs'),
      h('div', { class: 'toolbar' }, filter, updated, h('a', { class: 'button primary', href: '#/new' }, 'New job'))),
    message,
    h('table', { class: 'table', id: 'jobs-table' },
      h('thead', {}, h('tr', {}, ['Name', 'Status', 'Phase', 'Progress', 'Baseline', 'Best', 'Provider', 'Created', 'Elapsed']
        .map((title) => h('th', {}, title)))),
      body));

  async function load() {
    const status = filter.value;
    try {
      const page = await api.get(`/api/jobs?size=100${status ? `&status=${status}` : ''}`);
      clear(message);
      clear(body, page.content.length ? page.content.map(row) : emptyRow(9, status ? `No ${status} jobs.` : 'No jobs yet: start one with "New job".'));
      updated.textContent = `${page.totalElements} job${page.totalElements === 1 ? '' : 's'} · live`;
    } catch (error) {
      clear(message, problemBox(error));
    }
  }

  function row(job) {
    return h('tr', { class: 'clickable', dataset: { jobId: job.id }, onclick: () => { location.hash = `#/jobs/${job.id}`; } },
      h('td', {}, h('a', { href: `#/jobs/${job.id}` }, job.name || job.id.slice(0, 8))),
      h('td', {}, statusBadge(job.status)),
      h('td', {}, job.phase || '–'),
      h('td', {}, progressBar(job.progress.completedTrials, job.progress.totalTrials)),
      h('td', { class: 'num' }, score(job.baselineScore)),
      h('td', { class: 'num strong' }, score(job.bestScore)),
      h('td', {}, job.provider, job.simulated ? h('span', { class: 'chip warn', title: job.notice }, 'simulated') : null),
      h('td', {}, dateTime(job.createdAt)),
      h('td', {}, duration(elapsed(job))));
  }

  filter.addEventListener('change', () => {
    sessionStorage.setItem('mipro.jobs.status', filter.value);
    load();
  });
  load();
  const timer = setInterval(load, REFRESH_MILLIS);
  return { element, dispose: () => clearInterval(timer) };
}
