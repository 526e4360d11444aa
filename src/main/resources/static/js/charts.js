// Chart options (echarts, loaded as a global from the webjar) and the data they are derived from. Everything here
// is generic over the number of predictors: a trial names its choices as `{i}_predictor_instruction` and
// `{i}_predictor_demos`, as MIPROv2 does.

const COLORS = { minibatch: '#4f7cc3', full: '#e07b39', best: '#2f9e62', baseline: '#7d8590' };

export function instructionParam(predictor) {
  return `${predictor}_predictor_instruction`;
}

export function demosParam(predictor) {
  return `${predictor}_predictor_demos`;
}

/** How many predictors the job has: from the view's names, else from what the trials and candidates mention. */
export function predictorCount(job, trials, candidates) {
  let count = Array.isArray(job.predictors) ? job.predictors.length : 0;
  for (const trial of trials) {
    for (const name of Object.keys(trial.params || {})) {
      const match = /^(\d+)_predictor_/.exec(name);
      if (match) {
        count = Math.max(count, Number(match[1]) + 1);
      }
    }
  }
  for (const candidate of candidates) {
    count = Math.max(count, (candidate.predictor ?? 0) + 1);
  }
  return Math.max(count, 1);
}

export function predictorLabel(job, index) {
  const names = Array.isArray(job.predictors) ? job.predictors : [];
  const name = names[index];
  if (typeof name === 'string' && name) {
    return name;
  }
  if (name && typeof name === 'object' && name.name) {
    return name.name;
  }
  return `predictor ${index}`;
}

function describeParams(params) {
  return Object.entries(params || {}).map(([name, value]) => `${name} = ${value}`).join('<br>');
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

/** The optimization history: minibatch dots, full-evaluation diamonds, best-so-far and baseline lines. */
export function historyOption(job, trials) {
  const minibatch = [];
  const full = [];
  const best = [];
  let bestSoFar = null;
  for (const trial of trials) {
    const point = { value: [trial.number, trial.score], trial };
    if (trial.kind === 'full') {
      full.push(point);
      bestSoFar = bestSoFar === null ? trial.score : Math.max(bestSoFar, trial.score);
    } else {
      minibatch.push(point);
    }
    if (bestSoFar !== null) {
      best.push([trial.number, bestSoFar]);
    }
  }
  const lastTrial = trials.length ? trials[trials.length - 1].number : Math.max(1, job.progress.totalTrials);
  const maxX = Math.max(lastTrial, job.progress.totalTrials || 1);
  const baseline = job.baselineScore === null || job.baselineScore === undefined ? [] : [[1, job.baselineScore], [maxX, job.baselineScore]];
  return {
    animation: false,
    color: [COLORS.minibatch, COLORS.full, COLORS.best, COLORS.baseline],
    grid: { left: 64, right: 28, top: 56, bottom: 56 },
    legend: { top: 8, data: ['Minibatch trial', 'Full evaluation', 'Best full evaluation so far', 'Baseline'] },
    tooltip: {
      trigger: 'item',
      formatter: (item) => {
        const trial = item.data && item.data.trial;
        if (!trial) {
          return `${escapeHtml(item.seriesName)}: ${Number(item.value[1]).toFixed(1)}`;
        }
        return `<b>Trial ${trial.number}</b> · ${escapeHtml(trial.kind)} (${escapeHtml(trial.role)})<br>`
          + `score <b>${trial.score.toFixed(1)}</b> on ${trial.batchSize} examples<br>${describeParams(trial.params)}`;
      },
    },
    xAxis: { type: 'value', name: 'Trial', nameLocation: 'middle', nameGap: 32, min: 0, max: maxX + 1, minInterval: 1 },
    yAxis: { type: 'value', name: 'Score (%)', nameLocation: 'middle', nameGap: 44, min: 0, max: 100 },
    series: [
      { id: 'minibatch', name: 'Minibatch trial', type: 'scatter', symbol: 'circle', symbolSize: 9, itemStyle: { opacity: 0.75 }, data: minibatch },
      { id: 'full', name: 'Full evaluation', type: 'scatter', symbol: 'diamond', symbolSize: 16, z: 3, data: full },
      { id: 'best', name: 'Best full evaluation so far', type: 'line', step: 'end', showSymbol: false, lineStyle: { width: 2.5 }, data: best },
      { id: 'baseline', name: 'Baseline', type: 'line', showSymbol: false, lineStyle: { type: 'dashed', width: 1.5 }, data: baseline },
    ],
  };
}

/** Mean minibatch score per instruction x demo-set cell of one predictor, with counts and full-evaluation scores. */
export function heatmapCells(trials, predictor) {
  const cells = new Map();
  for (const trial of trials) {
    const instruction = trial.params?.[instructionParam(predictor)];
    if (instruction === undefined) {
      continue;
    }
    const demos = trial.params?.[demosParam(predictor)] ?? 0;
    const key = `${instruction}:${demos}`;
    const cell = cells.get(key) || { instruction, demos, sum: 0, count: 0, full: [] };
    if (trial.kind === 'minibatch') {
      cell.sum += trial.score;
      cell.count += 1;
    } else {
      cell.full.push(trial.score);
    }
    cells.set(key, cell);
  }
  return [...cells.values()];
}

export function heatmapOption(trials, candidates, demoSetCount, predictor) {
  const cells = heatmapCells(trials, predictor);
  const instructions = Math.max(
    candidates.filter((c) => (c.predictor ?? 0) === predictor).length,
    ...cells.map((c) => c.instruction + 1), 1);
  const demoSets = Math.max(demoSetCount, ...cells.map((c) => c.demos + 1), 1);
  const data = cells.map((cell) => {
    const mean = cell.count ? cell.sum / cell.count : (cell.full.length ? Math.max(...cell.full) : null);
    return { value: [cell.demos, cell.instruction, mean === null ? null : Number(mean.toFixed(1))], cell };
  }).filter((point) => point.value[2] !== null);
  return {
    animation: false,
    grid: { left: 72, right: 24, top: 16, bottom: 88 },
    tooltip: {
      formatter: (item) => {
        const cell = item.data.cell;
        return `<b>instruction ${cell.instruction} × demo set ${cell.demos}</b><br>`
          + (cell.count ? `mean minibatch score ${(cell.sum / cell.count).toFixed(1)} over ${cell.count} trial${cell.count === 1 ? '' : 's'}<br>` : 'no minibatch trials<br>')
          + (cell.full.length ? `full evaluation: ${cell.full.map((s) => s.toFixed(1)).join(', ')}` : '');
      },
    },
    xAxis: { type: 'category', name: 'Demo set', nameLocation: 'middle', nameGap: 28, data: [...Array(demoSets).keys()].map(String), splitArea: { show: true } },
    yAxis: { type: 'category', name: 'Instruction', nameLocation: 'middle', nameGap: 40, data: [...Array(instructions).keys()].map(String), splitArea: { show: true } },
    visualMap: {
      min: 0, max: 100, calculable: false, orient: 'horizontal', left: 'center', bottom: 4, itemHeight: 160,
      text: ['100', '0'], inRange: { color: ['#f4f6fb', '#9cb8e6', '#2f5fae'] },
    },
    series: [{
      name: 'Mean minibatch score', type: 'heatmap', data,
      label: {
        show: true,
        formatter: (item) => `${item.data.value[2].toFixed(1)}\n(${item.data.cell.count || item.data.cell.full.length}${item.data.cell.count ? '' : ' full'})`,
        fontSize: 11,
        lineHeight: 15,
        color: '#1f2328',
      },
      emphasis: { itemStyle: { borderColor: '#1f2328', borderWidth: 1 } },
    }],
  };
}
