// A new job: the simple form (one predictor: signature, instructions, module) or a raw JSON program, for pipelines
// of several predictors. The server validates everything against the datasets and answers problems we show as is.
import { api } from './api.js';
import { card, clear, h, problemBox } from './ui.js';

const PIPELINE_EXAMPLE = JSON.stringify({
  modules: [
    { name: 'find', signature: 'context, question -> evidence', instructions: 'Quote the sentence that answers the question.', module: 'predict' },
    { name: 'answer', signature: 'evidence, question -> answer', instructions: 'Answer in a few words.', module: 'chain_of_thought' },
  ],
}, null, 2);

function field(label, input, hint) {
  return [h('label', { for: input.id }, label), h('div', {}, input, hint ? h('div', { class: 'hint' }, hint) : null)];
}

export function newJobView() {
  const name = h('input', { id: 'job-name-input', type: 'text', value: 'qa-demo', maxlength: 200 });
  const train = h('select', { id: 'train-dataset', required: true });
  const dev = h('select', { id: 'dev-dataset', required: true });
  const test = h('select', { id: 'test-dataset' });
  const mode = h('select', { id: 'program-mode' }, h('option', { value: 'simple' }, 'One predictor (form)'), h('option', { value: 'json' }, 'Program as JSON (pipelines)'));
  const signature = h('input', { id: 'signature', type: 'text', value: 'context, question -> answer' });
  const instructions = h('textarea', { id: 'instructions', rows: 2 }, 'Answer the question based on the given context.');
  const module = h('select', { id: 'module' }, h('option', { value: 'predict' }, 'predict'), h('option', { value: 'chain_of_thought' }, 'chain_of_thought'));
  const programJson = h('textarea', { id: 'program-json', rows: 12, class: 'mono', spellcheck: 'false' }, PIPELINE_EXAMPLE);
  const metric = h('select', { id: 'metric' }, ['exact_match', 'f1', 'contains', 'numeric'].map((m) => h('option', { value: m }, m)));
  const auto = h('select', { id: 'auto' }, ['light', 'medium', 'heavy'].map((a) => h('option', { value: a }, a)));
  const seed = h('input', { id: 'seed', type: 'number', value: 9, min: 0 });
  const rounds = h('input', { id: 'rounds', type: 'number', value: 1, min: 1, max: 10 });
  const maxCalls = h('input', { id: 'max-calls', type: 'number', min: 1, placeholder: 'no limit' });
  const promptModel = h('input', { id: 'prompt-model', type: 'text', value: 'gpt-4o-mini' });
  const taskModel = h('input', { id: 'task-model', type: 'text', value: 'gpt-4o-mini' });
  const result = h('div', { id: 'job-result' });
  const submit = h('button', { type: 'submit', class: 'button primary', id: 'submit-job' }, 'Start optimization');

  const simpleRows = h('div', { class: 'form-grid nested' }, field('Signature', signature, 'DSPy form: inputs -> outputs; types str, int, float, bool, Literal[...]'),
    field('Instructions', instructions), field('Module', module));
  const jsonRows = h('div', { class: 'form-grid nested', hidden: true }, field('Program', programJson, 'The job request\'s `program`: {"modules": [...]} for a pipeline, or {"signature", "instructions", "module"}'));
  mode.addEventListener('change', () => {
    simpleRows.hidden = mode.value !== 'simple';
    jsonRows.hidden = mode.value === 'simple';
  });

  const form = h('form', { id: 'new-job-form' },
    h('div', { class: 'form-grid' },
      field('Name', name), field('Train dataset', train, 'demos are bootstrapped from it'), field('Dev dataset', dev, 'candidates are scored on it'),
      field('Test dataset', test, 'optional: baseline and optimized program are scored on it at the end'),
      field('Program', mode)),
    simpleRows, jsonRows,
    h('div', { class: 'form-grid' },
      field('Metric', metric), field('Preset', auto, 'light, medium or heavy: how many candidates and trials'),
      field('Seed', seed), field('Proposal rounds', rounds, 'later rounds propose at a lower temperature, grounded in the best so far'),
      field('Max model calls', maxCalls, 'a budget: the job stops with the best program so far'),
      field('Prompt model', promptModel, 'proposes instructions'), field('Task model', taskModel, 'runs the program')),
    h('div', { class: 'form-actions' }, submit, h('a', { class: 'button', href: '#/datasets' }, 'Upload a dataset')),
    result);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    let program;
    if (mode.value === 'simple') {
      program = { signature: signature.value.trim(), instructions: instructions.value.trim() || null, module: module.value };
    } else {
      try {
        program = JSON.parse(programJson.value);
      } catch (error) {
        clear(result, problemBox({ problem: { title: 'Program is not JSON', detail: error.message } }));
        return;
      }
    }
    const body = {
      name: name.value.trim() || null,
      trainDatasetId: train.value || null,
      devDatasetId: dev.value || null,
      testDatasetId: test.value || null,
      program,
      metric: metric.value,
      optimizer: { auto: auto.value, seed: Number(seed.value), proposalRounds: Number(rounds.value), maxLmCalls: maxCalls.value ? Number(maxCalls.value) : null },
      promptModel: { model: promptModel.value.trim() },
      taskModel: { model: taskModel.value.trim() },
    };
    submit.disabled = true;
    try {
      const job = await api.postJson('/api/jobs', body);
      location.hash = `#/jobs/${job.id}`;
    } catch (error) {
      clear(result, problemBox(error));
    } finally {
      submit.disabled = false;
    }
  });

  (async () => {
    try {
      const page = await api.get('/api/datasets?size=200');
      const options = (withNone) => [withNone ? h('option', { value: '' }, '(none)') : null,
        ...page.content.map((d) => h('option', { value: d.id }, `${d.name} · ${d.size} examples · ${d.fields.join(', ')}`))];
      clear(train, options(false));
      clear(dev, options(false));
      clear(test, options(true));
      if (page.content.length > 1) {
        // newest first: the last two uploads are usually dev (newest) and train
        train.value = page.content[1].id;
        dev.value = page.content[0].id;
      }
      if (!page.content.length) {
        clear(result, problemBox({ problem: { title: 'No datasets', detail: 'Upload a train and a dev set first (Datasets).' } }));
      }
    } catch (error) {
      clear(result, problemBox(error));
    }
  })();

  return { element: card('New optimization job', form) };
}
