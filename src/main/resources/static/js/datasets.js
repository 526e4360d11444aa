// Datasets: the list, a preview of one dataset's examples, and the upload form (problems shown as the API words them).
import { api } from './api.js';
import { card, clear, dateTime, emptyRow, h, problemBox } from './ui.js';

const PREVIEW_SIZE = 10;

export function datasetsView() {
  const body = h('tbody', { id: 'datasets-body' });
  const listMessage = h('div');
  const preview = h('div', { id: 'dataset-preview' });
  const uploadResult = h('div', { id: 'upload-result' });

  const file = h('input', { type: 'file', id: 'upload-file', name: 'file', accept: '.json,.jsonl,.csv', required: true });
  const name = h('input', { type: 'text', id: 'upload-name', name: 'name', placeholder: 'defaults to the file name' });
  const format = h('select', { id: 'upload-format', name: 'format' },
    h('option', { value: '' }, 'from the file name'), ['json', 'jsonl', 'csv'].map((f) => h('option', { value: f }, f)));
  const submit = h('button', { type: 'submit', class: 'button primary', id: 'upload-submit' }, 'Upload');
  const form = h('form', { class: 'form-grid', id: 'upload-form' },
    h('label', { for: 'upload-file' }, 'File'), file,
    h('label', { for: 'upload-name' }, 'Name'), name,
    h('label', { for: 'upload-format' }, 'Format'), format,
    h('span'), h('div', { class: 'form-actions' }, submit,
      h('span', { class: 'hint' }, '.json (array of flat objects), .jsonl or .csv with a header row')));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!file.files.length) {
      clear(uploadResult, problemBox({ problem: { title: 'No file', detail: 'Choose a file to upload.' } }));
      return;
    }
    const data = new FormData();
    data.append('file', file.files[0]);
    if (name.value.trim()) {
      data.append('name', name.value.trim());
    }
    if (format.value) {
      data.append('format', format.value);
    }
    submit.disabled = true;
    try {
      const dataset = await api.upload('/api/datasets', data);
      clear(uploadResult, h('div', { class: 'success', role: 'status' },
        `Stored “${dataset.name}”: ${dataset.size} examples with fields ${dataset.fields.join(', ')}.`));
      form.reset();
      await load();
      show(dataset);
    } catch (error) {
      clear(uploadResult, problemBox(error));
    } finally {
      submit.disabled = false;
    }
  });

  async function load() {
    try {
      const page = await api.get('/api/datasets?size=200');
      clear(listMessage);
      clear(body, page.content.length ? page.content.map(row) : emptyRow(5, 'No datasets yet: upload one below.'));
    } catch (error) {
      clear(listMessage, problemBox(error));
    }
  }

  function row(dataset) {
    return h('tr', { class: 'clickable', dataset: { datasetId: dataset.id }, onclick: () => show(dataset) },
      h('td', {}, h('a', { href: '#/datasets', onclick: (e) => { e.preventDefault(); } }, dataset.name)),
      h('td', { class: 'num' }, dataset.size),
      h('td', {}, dataset.fields.map((f) => h('span', { class: 'chip' }, f))),
      h('td', {}, dateTime(dataset.createdAt)),
      h('td', { class: 'mono muted' }, dataset.id));
  }

  async function show(dataset, page = 0) {
    try {
      const examples = await api.get(`/api/datasets/${dataset.id}/examples?page=${page}&size=${PREVIEW_SIZE}`);
      const pages = Math.max(1, examples.totalPages);
      clear(preview, card(`Preview: ${dataset.name}`,
        h('p', { class: 'muted' }, `${dataset.size} examples · page ${page + 1} of ${pages} · id `, h('span', { class: 'mono' }, dataset.id)),
        h('div', { class: 'scroll' }, h('table', { class: 'table compact', id: 'preview-table' },
          h('thead', {}, h('tr', {}, h('th', {}, '#'), dataset.fields.map((f) => h('th', {}, f)))),
          h('tbody', {}, examples.content.map((example, i) => h('tr', {},
            h('td', { class: 'num muted' }, page * PREVIEW_SIZE + i + 1),
            dataset.fields.map((f) => h('td', { class: 'cell-text' }, example[f]))))))),
        h('div', { class: 'toolbar' },
          h('button', { class: 'button', disabled: page === 0, onclick: () => show(dataset, page - 1) }, 'Previous'),
          h('button', { class: 'button', disabled: page + 1 >= pages, onclick: () => show(dataset, page + 1) }, 'Next'))));
    } catch (error) {
      clear(preview, problemBox(error));
    }
  }

  load();
  const element = h('div', { class: 'stack' },
    h('section', { class: 'card' }, h('div', { class: 'card-head' }, h('h2', {}, 'Datasets')), listMessage,
      h('table', { class: 'table', id: 'datasets-table' },
        h('thead', {}, h('tr', {}, ['Name', 'Examples', 'Fields', 'Created', 'Id'].map((t) => h('th', {}, t)))), body)),
    preview,
    card('Upload a dataset', form, uploadResult));
  return { element };
}
