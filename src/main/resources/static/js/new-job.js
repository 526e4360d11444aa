// A new job: the simple form (one predictor: signature, instructions, module) or a raw JSON program, for pipelines
// of several predictors. The server validates everything against the datasets and answers problems we show as is.
// The estimate comes first: Submit is enabled once POST /api/jobs/estimate has answered for the form as it stands.
import { api } from './api.js';
import { card, clear, h, number, problemBox } from './ui.js';

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
  const submit = h('button', { type: 'submit', class: 'button primary', id: 'submit-job', disabled: true, title: 'Estimate the job first' }, 'Start optimization');
  const estimateButton = h('button', { type: 'button', class: 'button', id: 'estimate-job' }, 'Estimate');
  const estimate = h('div', { id: 'job-estimate', class: 'estimate' });

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
    estimate,
    h('div', { class: 'form-actions' }, estimateButton, submit, h('a', { class: 'button', href: '#/datasets' }, 'Upload a dataset')),
    result);

  /** The request body of the form as it stands, or null after showing why there is none. */
  function requestBody() {
    let program;
    if (mode.value === 'simple') {
      program = { signature: signature.value.trim(), instructions: instructions.value.trim() || null, module: module.value };
    } else {
      try {
        program = JSON.parse(programJson.value);
      } catch (error) {
        clear(result, problemBox({ problem: { title: 'Program is not JSON', detail: error.message } }));
        return null;
      }
    }
    return {
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
  }

  // the body the shown estimate is for; any edit of the form makes it stale and disables Submit again
  let estimated = null;

  function invalidate() {
    if (estimated !== null) {
      estimated = null;
      clear(estimate, h('p', { class: 'muted' }, 'The form changed: estimate it again before submitting.'));
    }
    submit.disabled = true;
  }
  form.addEventListener('input', invalidate);
  form.addEventListener('change', invalidate);

  estimateButton.addEventListener('click', async () => {
    const body = requestBody();
    if (!body) {
      return;
    }
    clear(result);
    estimateButton.disabled = true;
    try {
      const answer = await api.postJson('/api/jobs/estimate', body);
      estimated = JSON.stringify(body);
      clear(estimate, estimateCard(answer));
      submit.disabled = false;
    } catch (error) {
      estimated = null;
      clear(estimate);
      clear(result, problemBox(error));
    } finally {
      estimateButton.disabled = false;
    }
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = requestBody();
    if (!body || estimated !== JSON.stringify(body)) {
      submit.disabled = true;
      return;
    }
    submit.disabled = true;
    try {
      const job = await api.postJson('/api/jobs', body);
      location.hash = `#/jobs/${job.id}`;
    } catch (error) {
      clear(result, problemBox(error));
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

function cost(value) {
  return value === null || value === undefined ? 'no price configured' : `$${Number(value).toFixed(4)}`;
}

function estimateCard(estimate) {
  const planned = estimate.planned || {};
  const roles = [['prompt', 'Prompt model'], ['task', 'Task model'], ['judge', 'Judge model']]
    .filter(([key]) => estimate[key]);
  return h('div', { class: 'success', id: 'estimate-result' },
    h('strong', {}, 'Estimate'),
    h('p', {}, 'Planned trials: ', h('span', { id: 'estimate-trials', class: 'strong' }, number(planned.trials)),
      ` · ${number(planned.proposals)} instruction proposals · ${number(planned.demoSets)} demo sets`,
      planned.minibatch ? ` · minibatches of ${number(planned.trialBatchSize)}, ${number(planned.fullEvaluations)} full evaluations` : '',
      ` · validation set ${number(planned.valsetSize)}`),
    h('table', { class: 'table compact', id: 'estimate-table' },
      h('thead', {}, h('tr', {}, ['Role', 'Model', 'Expected calls', 'Worst-case calls', 'Expected cost', 'Worst-case cost'].map((t) => h('th', {}, t)))),
      h('tbody', {}, roles.map(([key, label]) => {
        const role = estimate[key];
        return h('tr', { dataset: { role: key } }, h('td', {}, label), h('td', { class: 'mono' }, role.model),
          h('td', { class: 'num expected-calls', id: `estimate-${key}-expected` }, number(role.expectedCalls)),
          h('td', { class: 'num worst-calls', id: `estimate-${key}-worst` }, number(role.worstCaseCalls)),
          h('td', { class: 'num' }, cost(role.expectedCostUsd)), h('td', { class: 'num' }, cost(role.worstCaseCostUsd)));
      }),
      h('tr', { class: 'strong' }, h('td', {}, 'All roles'), h('td', {}),
        h('td', { class: 'num', id: 'estimate-expected' }, number(estimate.expectedCalls)),
        h('td', { class: 'num', id: 'estimate-worst' }, number(estimate.worstCaseCalls)),
        h('td', { class: 'num', id: 'estimate-cost' }, cost(estimate.expectedCostUsd)), h('td', { class: 'num' }, cost(estimate.worstCaseCostUsd))))),
    (estimate.notes || []).length ? h('ul', { class: 'hint' }, estimate.notes.map((note) => h('li', {}, note))) : null);
}
