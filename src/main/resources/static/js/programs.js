// Programs: the registry's list, and one program with its predictors, its download and a "try it" box that runs it
// on one input (POST /api/programs/{id}/predict) and shows its outputs and trace.
import { ApiError, api } from './api.js';
import { card, clear, dateTime, emptyRow, h, number, problemBox } from './ui.js';

export function programsView() {
  const body = h('tbody', { id: 'programs-body' });
  const message = h('div');
  const count = h('span', { class: 'muted' });
  const element = h('section', { class: 'card' },
    h('div', { class: 'card-head' }, h('h2', {}, 'Programs'), h('div', { class: 'toolbar' }, count)),
    h('p', { class: 'muted' }, 'Register a finished job\'s programs from its page ("Register programs"), or import a DSPy program through the API.'),
    message,
    h('table', { class: 'table', id: 'programs-table' },
      h('thead', {}, h('tr', {}, ['Name', 'Source', 'Job', 'Created'].map((title) => h('th', {}, title)))),
      body));

  (async () => {
    try {
      const page = await api.get('/api/programs?size=200');
      clear(body, page.content.length ? page.content.map(row) : emptyRow(4, 'No programs yet: register a succeeded job\'s programs from its page.'));
      count.textContent = `${page.totalElements} program${page.totalElements === 1 ? '' : 's'}`;
    } catch (error) {
      clear(message, problemBox(error));
    }
  })();

  function row(program) {
    return h('tr', { class: 'clickable', dataset: { programId: program.id }, onclick: (event) => {
      if (!event.target.closest('a')) {
        location.hash = `#/programs/${program.id}`;
      }
    } },
    h('td', {}, h('a', { href: `#/programs/${program.id}` }, program.name || program.id.slice(0, 8))),
    h('td', {}, h('span', { class: 'chip' }, program.source)),
    h('td', {}, program.jobId ? h('a', { href: `#/jobs/${program.jobId}`, class: 'mono' }, program.jobId.slice(0, 8)) : '–'),
    h('td', {}, dateTime(program.createdAt)));
  }

  return { element };
}

/** The field names of one side of a DSPy signature ("context, question: str -> answer"), commas inside [...] kept. */
function signatureSide(signature, side) {
  const parts = String(signature || '').split('->');
  if (parts.length !== 2) {
    return [];
  }
  const names = [];
  let depth = 0;
  let current = '';
  for (const char of parts[side]) {
    if (char === '[' || char === '(') {
      depth += 1;
    } else if (char === ']' || char === ')') {
      depth -= 1;
    }
    if (char === ',' && depth === 0) {
      names.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  names.push(current);
  return names.map((name) => name.split(':')[0].trim()).filter(Boolean);
}

/** The fields a program reads from its input: its modules' inputs that no earlier module produces (as the server). */
export function programInputs(spec) {
  const steps = spec?.modules?.length ? spec.modules.map((m) => m.signature) : [spec?.signature];
  const produced = new Set();
  const needed = [];
  for (const signature of steps) {
    for (const input of signatureSide(signature, 0)) {
      if (!produced.has(input) && !needed.includes(input)) {
        needed.push(input);
      }
    }
    signatureSide(signature, 1).forEach((output) => produced.add(output));
  }
  return needed;
}

export function programView(id) {
  const root = h('div', { class: 'stack', id: 'program-page', dataset: { programId: id } });
  const message = h('div');
  root.append(message);

  (async () => {
    try {
      const program = await api.get(`/api/programs/${id}`);
      clear(root, header(program), predictors(program), tryIt(program));
    } catch (error) {
      clear(message, problemBox(error));
    }
  })();

  function header(program) {
    const download = h('a', { class: 'button primary', id: 'program-download', href: `/api/programs/${id}/artifact`,
      onclick: async (event) => {
        event.preventDefault();
        try {
          await api.download(`/api/programs/${id}/artifact`, `program-${id.slice(0, 8)}.json`);
        } catch (error) {
          clear(message, problemBox(error));
        }
      } }, 'Download (DSPy JSON)');
    return h('section', { class: 'card' },
      h('div', { class: 'card-head' },
        h('div', {}, h('h2', { id: 'program-name' }, program.name || 'Program'),
          h('div', { class: 'meta' }, h('span', { class: 'chip', id: 'program-source' }, program.source),
            program.jobId ? h('a', { href: `#/jobs/${program.jobId}` }, 'from job ', h('span', { class: 'mono' }, program.jobId.slice(0, 8))) : null,
            h('span', { class: 'muted' }, `task model ${program.taskModel?.model || '–'}`),
            h('span', { class: 'muted' }, `created ${dateTime(program.createdAt)}`),
            h('span', { class: 'mono muted' }, program.id))),
        h('div', { class: 'actions' }, download)),
      message);
  }

  function predictors(program) {
    return card('Predictors', h('table', { class: 'table compact', id: 'predictors-table' },
      h('thead', {}, h('tr', {}, ['Name', 'Module', 'Signature', 'Demos', 'Instructions'].map((title) => h('th', {}, title)))),
      h('tbody', {}, (program.predictors || []).map((p) => h('tr', { dataset: { predictor: p.name } },
        h('td', {}, p.name), h('td', {}, p.module), h('td', { class: 'mono' }, p.signature),
        h('td', { class: 'num predictor-demos' }, number(p.demos)), h('td', { class: 'instruction' }, p.instructions || '–'))))));
  }

  function tryIt(program) {
    const names = programInputs(program.program);
    const inputs = new Map();
    const problems = new Map();
    const rows = names.map((name) => {
      const input = h('textarea', { id: `try-input-${name}`, rows: 2, dataset: { field: name } });
      const problem = h('div', { class: 'field-problem', dataset: { fieldProblem: name }, role: 'alert' });
      inputs.set(name, input);
      problems.set(name, problem);
      return [h('label', { for: input.id }, name), h('div', {}, input, problem)];
    });
    const run = h('button', { type: 'submit', class: 'button primary', id: 'try-run' }, 'Run');
    const result = h('div', { id: 'try-result' });
    const form = h('form', { id: 'try-form' }, h('div', { class: 'form-grid' }, rows.flat()),
      h('div', { class: 'form-actions' }, run), result);

    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      problems.forEach((element) => clear(element));
      clear(result, h('p', { class: 'muted' }, 'Running…'));
      const values = {};
      inputs.forEach((input, name) => {
        // an empty field is left out, so the server names it
        if (input.value !== '') {
          values[name] = input.value;
        }
      });
      run.disabled = true;
      try {
        showPrediction(await api.postJson(`/api/programs/${id}/predict`, { inputs: values }));
      } catch (error) {
        const field = error instanceof ApiError ? error.problem.field : null;
        const name = typeof field === 'string' && field.startsWith('inputs.') ? field.slice('inputs.'.length) : null;
        if (name && problems.has(name)) {
          clear(result);
          clear(problems.get(name), error.problem.detail || error.message);
        } else {
          clear(result, problemBox(error));
        }
      } finally {
        run.disabled = false;
      }
    });

    function showPrediction(prediction) {
      const usage = prediction.usage || {};
      clear(result,
        prediction.parseFailed ? h('div', { class: 'banner warn' }, h('strong', {}, 'Unparsed answer. '), prediction.failure || '') : null,
        h('h3', {}, 'Outputs'),
        h('table', { class: 'table compact', id: 'try-outputs' }, h('tbody', {},
          Object.entries(prediction.outputs || {}).map(([name, value]) => h('tr', { dataset: { output: name } },
            h('th', {}, name), h('td', { class: 'output-value' }, value))))),
        h('h3', {}, 'Trace'),
        h('ol', { id: 'try-trace', class: 'trace' }, (prediction.trace || []).map((step) => h('li', { dataset: { module: step.module } },
          h('strong', {}, step.module),
          h('div', { class: 'muted' }, 'in: ', Object.entries(step.inputs || {}).map(([k, v]) => `${k} = ${v}`).join(' · ')),
          h('div', {}, 'out: ', Object.entries(step.outputs || {}).map(([k, v]) => `${k} = ${v}`).join(' · '))))),
        h('p', { class: 'muted', id: 'try-usage' }, `task model calls ${number(usage.taskModelCalls)} · cached ${number(usage.cachedCalls)} · tokens in ${number(usage.inputTokens)} · out ${number(usage.outputTokens)}${usage.retrievals ? ` · retrievals ${number(usage.retrievals)}` : ''}`));
    }

    return card('Try it', h('p', { class: 'muted' }, `Runs the program once on these inputs with its task model. It reads ${names.join(', ') || 'no fields'}.`), form);
  }

  return { element: root };
}
