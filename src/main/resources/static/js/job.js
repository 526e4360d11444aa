// One job: what it is doing, how the search went, and its baseline against its optimized program. Live over SSE:
// every event of the job's stream triggers a (coalesced) re-read of the job, its trials and its candidates.
import { ApiError, api, streamEvents } from './api.js';
import { demosParam, heatmapOption, historyOption, instructionParam, predictorCount, predictorLabel } from './charts.js';
import { card, clear, dateTime, duration, elapsed, emptyRow, h, number, problemBox, progressBar, score, statusBadge } from './ui.js';

const TERMINAL = ['SUCCEEDED', 'FAILED', 'CANCELLED'];

export function jobView(id) {
  const state = { job: null, trials: [], candidates: [], demoSets: [], trialSort: { key: 'number', descending: false }, trialKind: '' };
  const root = h('div', { class: 'stack job-page', id: 'job-page', dataset: { jobId: id, live: 'connecting' } });
  const header = h('section', { class: 'card job-header' });
  const message = h('div');
  const historyEl = h('div', { class: 'chart', id: 'history-chart' });
  const heatmaps = h('div', { class: 'heatmaps', id: 'heatmaps' });
  const programs = h('div', { id: 'programs' });
  const trialsBody = h('tbody', { id: 'trials-body' });
  const candidatesBody = h('tbody', { id: 'candidates-body' });
  const kindFilter = h('select', { 'aria-label': 'Trial kind', id: 'trial-kind' },
    h('option', { value: '' }, 'All trials'), h('option', { value: 'minibatch' }, 'Minibatch'), h('option', { value: 'full' }, 'Full evaluations'));
  kindFilter.addEventListener('change', () => { state.trialKind = kindFilter.value; renderTrials(); });

  const trialColumns = [
    ['number', '#'], ['kind', 'Kind'], ['role', 'Role'], ['round', 'Round'], ['params', 'Instruction / demo set'],
    ['score', 'Score'], ['batchSize', 'Batch'], ['parseFailures', 'Parse failures'], ['calls', 'Calls'], ['durationMillis', 'Duration'],
  ];
  const trialHead = h('tr', {}, trialColumns.map(([key, title]) => h('th', {
    class: ['params', 'kind', 'role'].includes(key) ? '' : 'sortable num', dataset: { sort: key },
    onclick: () => {
      if (['params', 'kind', 'role'].includes(key)) {
        return;
      }
      state.trialSort = { key, descending: state.trialSort.key === key ? !state.trialSort.descending : key === 'score' };
      renderTrials();
    },
  }, title)));

  root.append(header, message,
    card('Optimization history', h('p', { class: 'muted' }, 'Each dot is a trial scored on a minibatch; diamonds are full evaluations on the whole validation set, the only scores that can select the final program.'), historyEl),
    card('Instruction × demo set', h('p', { class: 'muted' }, 'Mean minibatch score per combination (trials in brackets), one map per predictor.'), heatmaps),
    card('Baseline and optimized program', programs),
    h('section', { class: 'card' }, h('div', { class: 'card-head' }, h('h2', {}, 'Trials'), h('div', { class: 'toolbar' }, kindFilter)),
      h('div', { class: 'scroll' }, h('table', { class: 'table compact', id: 'trials-table' }, h('thead', {}, trialHead), trialsBody))),
    card('Instruction candidates', h('div', { class: 'scroll' }, h('table', { class: 'table compact', id: 'candidates-table' },
      h('thead', {}, h('tr', {}, ['Predictor', '#', 'Round', 'Tip', 'Temp.', 'Mean minibatch', 'Trials', 'Full evaluations', 'Instruction'].map((t) => h('th', {}, t)))),
      candidatesBody))));

  // created once and only shown or hidden, so a click never lands on a button that a re-render replaced
  const cancelButton = h('button', { class: 'button danger', id: 'cancel-button', hidden: true, onclick: cancel }, 'Cancel');
  const resumeButton = h('button', { class: 'button', id: 'resume-button', hidden: true, onclick: resume }, 'Resume');
  const downloadButton = h('button', { class: 'button primary', id: 'download-button', hidden: true, onclick: download }, 'Download program');
  const registerButton = h('button', { class: 'button', id: 'register-button', hidden: true, onclick: register }, 'Register programs');
  const registered = h('span', { id: 'registered-programs', class: 'registered' });
  const actions = h('div', { class: 'actions' }, cancelButton, resumeButton, downloadButton, registerButton, registered);

  let history = null;
  const heatmapCharts = [];
  const onResize = () => { history?.resize(); heatmapCharts.forEach((chart) => chart.resize()); };
  window.addEventListener('resize', onResize);

  // --- loading --------------------------------------------------------------------------------------------------
  let pending = null;
  let loading = false;
  let again = false;
  let disposed = false;

  async function load() {
    if (loading) {
      again = true;
      return;
    }
    loading = true;
    try {
      const [job, trials, candidates] = await Promise.all([
        api.get(`/api/jobs/${id}`), api.get(`/api/jobs/${id}/trials`), api.get(`/api/jobs/${id}/candidates`)]);
      if (state.demoSets.length === 0 || TERMINAL.includes(job.status) || job.phase !== state.job?.phase) {
        state.demoSets = await api.get(`/api/jobs/${id}/demo-sets`);
      }
      Object.assign(state, { job, trials, candidates });
      clear(message);
      render();
    } catch (error) {
      clear(message, problemBox(error));
      if (error instanceof ApiError && error.status === 404) {
        stream?.stop();
      }
    } finally {
      loading = false;
      if (again && !disposed) {
        again = false;
        load();
      }
    }
  }

  function schedule() {
    if (!pending) {
      pending = setTimeout(() => { pending = null; load(); }, 250);
    }
  }

  // --- rendering ------------------------------------------------------------------------------------------------
  function render() {
    renderHeader();
    renderHistory();
    renderHeatmaps();
    renderPrograms();
    renderTrials();
    renderCandidates();
  }

  function renderHeader() {
    const job = state.job;
    const usage = job.lmUsage || {};
    const improvement = job.bestScore !== null && job.baselineScore !== null ? job.bestScore - job.baselineScore : null;
    cancelButton.hidden = !['QUEUED', 'RUNNING'].includes(job.status);
    resumeButton.hidden = job.status !== 'FAILED';
    downloadButton.hidden = job.status !== 'SUCCEEDED';
    registerButton.hidden = job.status !== 'SUCCEEDED' || registered.childElementCount > 0;
    const cost = job.costUsd ?? job.cost?.usd ?? job.lmUsage?.costUsd;
    const stats = [
      stat('Progress', progressBar(job.progress.completedTrials, job.progress.totalTrials, 'Trials done'),
        fullEvaluationsNote()),
      stat('Baseline', score(job.baselineScore), 'validation, unoptimized'),
      stat('Best', score(job.bestScore), improvement === null ? 'full validation' : `${improvement >= 0 ? '+' : ''}${improvement.toFixed(1)} over baseline${job.bestFullEvalTrial ? ` · trial ${job.bestFullEvalTrial}` : ''}`, 'best'),
      job.testScore !== null && job.testScore !== undefined
        ? stat('Test set', `${score(job.baselineTestScore)} → ${score(job.testScore)}`, 'baseline → optimized') : null,
      stat('Elapsed', duration(elapsed(job)), job.startedAt ? `started ${dateTime(job.startedAt)}` : `created ${dateTime(job.createdAt)}`),
      stat('Model calls', number((usage.promptModelCalls || 0) + (usage.taskModelCalls || 0) + (usage.judgeModelCalls || 0)),
        `prompt ${number(usage.promptModelCalls)} · task ${number(usage.taskModelCalls)}${usage.judgeModelCalls ? ` · judge ${number(usage.judgeModelCalls)}` : ''} · cached ${number(usage.cachedCalls)} · retried ${number(usage.retriedCalls)}`),
      stat('Tokens', number((usage.inputTokens || 0) + (usage.outputTokens || 0)), `in ${number(usage.inputTokens)} · out ${number(usage.outputTokens)}`),
      cost !== undefined && cost !== null ? stat('Cost', `$${Number(cost).toFixed(4)}`, 'so far') : null,
    ];
    clear(header,
      h('div', { class: 'card-head' },
        h('div', {}, h('h2', { id: 'job-name' }, job.name || 'Job'),
          h('div', { class: 'meta' }, statusBadge(job.status), h('span', { class: 'chip', id: 'job-phase' }, job.phase || 'not started'),
            h('span', { class: 'muted' }, `provider ${job.provider}`), h('span', { class: 'mono muted' }, job.id),
            h('span', { class: `live live-${root.dataset.live}`, id: 'live-state' }, liveText()))),
        actions),
      job.simulated ? h('div', { class: 'banner warn', id: 'simulated-notice', role: 'note' }, h('strong', {}, 'Simulated scores. '), job.notice || '') : null,
      job.error ? h('div', { class: 'banner error' }, h('strong', {}, 'Failed: '), job.error) : null,
      job.stopReason ? h('div', { class: 'banner info' }, h('strong', {}, 'Stopped early: '), job.stopReason) : null,
      h('div', { class: 'stats' }, stats));
  }

  function fullEvaluationsNote() {
    const full = state.trials.filter((trial) => trial.kind === 'full').length;
    return `${full} full evaluation${full === 1 ? '' : 's'} (baseline included)`;
  }

  function stat(label, value, note, kind) {
    return h('div', { class: `stat ${kind || ''}` }, h('div', { class: 'stat-label' }, label),
      h('div', { class: 'stat-value' }, value), note ? h('div', { class: 'stat-note' }, note) : null);
  }

  function liveText() {
    return { connecting: 'connecting…', sse: '● live', ended: 'final', retrying: 'reconnecting…' }[root.dataset.live] || '';
  }

  function renderHistory() {
    if (!history) {
      history = echarts.init(historyEl, null, { renderer: 'canvas' });
    }
    history.setOption(historyOption(state.job, state.trials), { notMerge: true });
  }

  function renderHeatmaps() {
    const count = predictorCount(state.job, state.trials, state.candidates);
    while (heatmapCharts.length > count) {
      heatmapCharts.pop().dispose();
    }
    if (heatmaps.children.length !== count) {
      heatmapCharts.forEach((chart) => chart.dispose());
      heatmapCharts.length = 0;
      clear(heatmaps);
      for (let p = 0; p < count; p++) {
        const el = h('div', { class: 'chart heatmap', id: `heatmap-${p}`, dataset: { predictor: p } });
        heatmaps.append(h('div', { class: 'heatmap-box' }, h('h3', {}, predictorLabel(state.job, p)), el));
        heatmapCharts.push(echarts.init(el));
      }
    }
    heatmapCharts.forEach((chart, p) => chart.setOption(heatmapOption(state.trials, state.candidates, state.demoSets.length, p), { notMerge: true }));
  }

  /** The program a trial's choices make, per predictor: its instruction and its demos. */
  function programOf(params) {
    const count = predictorCount(state.job, state.trials, state.candidates);
    return [...Array(count).keys()].map((p) => {
      const instructionIndex = params?.[instructionParam(p)] ?? 0;
      const demoIndex = params?.[demosParam(p)];
      const candidate = state.candidates.find((c) => (c.predictor ?? 0) === p && c.index === instructionIndex);
      const set = demoIndex === undefined ? null : state.demoSets.find((d) => d.index === demoIndex);
      return { label: predictorLabel(state.job, p), instructionIndex, instruction: candidate?.instruction, tip: candidate?.tip,
        demoIndex, demoKind: set?.kind, demos: set?.demos?.[p] || [] };
    });
  }

  function renderPrograms() {
    const baselineTrial = state.trials.find((t) => t.role === 'baseline');
    const bestTrial = state.trials.find((t) => t.number === state.job.bestFullEvalTrial);
    const side = (title, trial, scoreValue, id) => h('div', { class: 'program', id },
      h('h3', {}, title, h('span', { class: 'score-pill' }, score(scoreValue))),
      trial ? programOf(trial.params).map((predictor) => h('div', { class: 'predictor' },
        h('div', { class: 'predictor-name' }, predictor.label,
          h('span', { class: 'muted' }, ` · instruction ${predictor.instructionIndex}${predictor.demoIndex === undefined ? '' : ` · demo set ${predictor.demoIndex}${predictor.demoKind ? ` (${predictor.demoKind.toLowerCase().replace('_', ' ')})` : ''}`}`)),
        h('blockquote', { class: 'instruction' }, predictor.instruction || '(not proposed yet)'),
        predictor.demos.length
          ? h('details', {}, h('summary', {}, `${predictor.demos.length} demo${predictor.demos.length === 1 ? '' : 's'}`),
            h('ol', { class: 'demos' }, predictor.demos.map((demo) => h('li', {}, Object.entries(demo.values).map(([field, value]) =>
              h('div', { class: 'demo-field' }, h('span', { class: 'field-name' }, field), h('span', { class: 'field-value', title: value }, value.length > 220 ? `${value.slice(0, 220)}…` : value)))))))
          : h('p', { class: 'muted' }, 'no demos (zero-shot)')))
        : h('p', { class: 'muted' }, 'Not evaluated yet.'));
    clear(programs, h('div', { class: 'side-by-side' },
      side('Baseline', baselineTrial, state.job.baselineScore, 'program-baseline'),
      side(state.job.status === 'SUCCEEDED' ? 'Optimized' : 'Best so far', bestTrial, state.job.bestScore, 'program-optimized')));
  }

  function renderTrials() {
    const { key, descending } = state.trialSort;
    const rows = state.trials
      .filter((trial) => !state.trialKind || trial.kind === state.trialKind)
      .map((trial) => ({ ...trial, calls: (trial.usage?.promptModelCalls || 0) + (trial.usage?.taskModelCalls || 0) }))
      .sort((a, b) => (a[key] - b[key]) * (descending ? -1 : 1) || a.number - b.number);
    trialHead.querySelectorAll('th').forEach((th) => th.classList.toggle('sorted', th.dataset.sort === key));
    const bestNumber = state.job.bestFullEvalTrial;
    clear(trialsBody, rows.length ? rows.map((trial) => h('tr', { class: trial.number === bestNumber ? 'best-row' : '', dataset: { trial: trial.number } },
      h('td', { class: 'num' }, trial.number),
      h('td', {}, h('span', { class: `kind kind-${trial.kind}` }, trial.kind)),
      h('td', {}, trial.role),
      h('td', { class: 'num' }, trial.round),
      h('td', { class: 'mono' }, (trial.predictors || []).map((c, p) => `${(trial.predictors.length > 1 ? `${c.predictor ?? p}: ` : '')}instruction ${c.instruction}${c.demoSet === null || c.demoSet === undefined ? '' : ` · demos ${c.demoSet}`}`).join('  |  ')),
      h('td', { class: 'num strong' }, score(trial.score)),
      h('td', { class: 'num' }, trial.batchSize),
      h('td', { class: 'num' }, trial.parseFailures),
      h('td', { class: 'num' }, trial.calls, trial.usage?.cachedCalls ? h('span', { class: 'muted' }, ` +${trial.usage.cachedCalls} cached`) : null),
      h('td', { class: 'num' }, duration(trial.durationMillis))))
      : emptyRow(trialColumns.length, 'No trials yet.'));
  }

  function renderCandidates() {
    clear(candidatesBody, state.candidates.length ? state.candidates.map((c) => h('tr', {},
      h('td', {}, predictorLabel(state.job, c.predictor ?? 0)),
      h('td', { class: 'num' }, c.index),
      h('td', { class: 'num' }, c.round),
      h('td', {}, c.original ? h('span', { class: 'chip' }, 'original') : (c.tip || '–')),
      h('td', { class: 'num' }, c.temperature ?? '–'),
      h('td', { class: 'num strong' }, score(c.meanMinibatchScore)),
      h('td', { class: 'num' }, c.minibatchTrials),
      h('td', { class: 'num' }, (c.fullScores || []).map((s) => s.toFixed(1)).join(', ') || '–'),
      h('td', { class: 'cell-text' }, c.instruction))) : emptyRow(9, 'No candidates yet.'));
  }

  // --- actions --------------------------------------------------------------------------------------------------
  async function cancel() {
    cancelButton.disabled = true;
    try {
      await api.post(`/api/jobs/${id}/cancel`);
      await load();
    } catch (error) {
      clear(message, problemBox(error));
    } finally {
      cancelButton.disabled = false;
    }
  }

  async function resume() {
    try {
      await api.post(`/api/jobs/${id}/resume`);
      startStream();
      await load();
    } catch (error) {
      clear(message, problemBox(error));
    }
  }

  async function download() {
    try {
      await api.download(`/api/jobs/${id}/artifact`, `mipro-${id.slice(0, 8)}.json`);
    } catch (error) {
      clear(message, problemBox(error));
    }
  }

  async function register() {
    registerButton.disabled = true;
    try {
      // idempotent: registers the best and baseline programs the first time, answers the same two afterwards
      const programs = await api.post(`/api/jobs/${id}/programs`);
      clear(registered, 'Programs: ', programs.map((program) => h('a', {
        href: `#/programs/${program.id}`, class: 'chip', dataset: { programId: program.id, source: program.source },
      }, program.source)));
      registerButton.hidden = true;
    } catch (error) {
      clear(message, problemBox(error));
    } finally {
      registerButton.disabled = false;
    }
  }

  // --- live updates ---------------------------------------------------------------------------------------------
  let stream = null;

  function setLive(value) {
    root.dataset.live = value;
    const badge = root.querySelector('#live-state');
    if (badge) {
      badge.className = `live live-${value}`;
      badge.textContent = liveText();
    }
  }

  function startStream() {
    stream?.stop();
    stream = streamEvents(`/api/jobs/${id}/events`, () => schedule(), (s) => {
      if (s === 'open') {
        setLive('sse');
      } else if (s === 'closed') {
        // the server ends the stream when the job has ended
        setLive('ended');
        schedule();
      } else {
        setLive('retrying');
      }
    });
  }

  load().then(() => {
    if (!disposed) {
      startStream();
    }
  });

  return {
    element: root,
    dispose() {
      disposed = true;
      stream?.stop();
      clearTimeout(pending);
      window.removeEventListener('resize', onResize);
      history?.dispose();
      heatmapCharts.forEach((chart) => chart.dispose());
    },
  };
}
