// Small DOM and formatting helpers shared by the views. Text always goes in through textContent, never innerHTML:
// job names, instructions and dataset values are user data.

export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else if (name === 'class') {
      element.className = value;
    } else {
      element.setAttribute(name, value === true ? '' : value);
    }
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

export function clear(element, ...children) {
  element.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
  return element;
}

export function score(value) {
  return value === null || value === undefined ? '–' : `${Number(value).toFixed(1)}`;
}

export function number(value) {
  return value === null || value === undefined ? '–' : Number(value).toLocaleString('en-US');
}

export function dateTime(value) {
  if (!value) {
    return '–';
  }
  const date = new Date(value);
  return date.toLocaleString('en-GB', { year: 'numeric', month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

export function duration(millis) {
  if (millis === null || millis === undefined || Number.isNaN(millis)) {
    return '–';
  }
  const seconds = Math.max(0, Math.round(millis / 1000));
  if (seconds < 60) {
    return millis < 10000 && millis % 1000 ? `${(millis / 1000).toFixed(1)} s` : `${seconds} s`;
  }
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) {
    return `${minutes} min ${seconds % 60} s`;
  }
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

export function elapsed(job) {
  if (!job.startedAt) {
    return null;
  }
  const end = job.finishedAt ? new Date(job.finishedAt) : new Date();
  return end - new Date(job.startedAt);
}

export function statusBadge(status) {
  return h('span', { class: `badge status-${String(status).toLowerCase()}`, 'data-status': status }, status);
}

export function progressBar(completed, total, label) {
  const percent = total > 0 ? Math.min(100, Math.round((completed / total) * 100)) : 0;
  return h('div', {
    class: 'progress', role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': total, 'aria-valuenow': completed,
    'aria-label': label || 'Trials done',
  }, h('div', { class: 'progress-fill', style: `width: ${percent}%` }), h('span', { class: 'progress-text' }, `${completed} / ${total}`));
}

/** An RFC 9457 problem as the user should read it: the detail, and where in an upload it was found. */
export function problemBox(error) {
  const problem = error.problem || { detail: String(error.message || error) };
  const where = ['line', 'example', 'field', 'parameter']
    .filter((member) => problem[member] !== undefined && problem[member] !== null)
    .map((member) => h('span', { class: 'chip' }, `${member}: ${problem[member]}`));
  return h('div', { class: 'problem', role: 'alert' },
    h('strong', {}, problem.title || 'Error', problem.status ? ` (${problem.status})` : ''),
    h('p', {}, problem.detail || error.message || ''),
    where.length ? h('div', { class: 'chips' }, where) : null);
}

export function card(title, ...children) {
  return h('section', { class: 'card' }, title ? h('h2', {}, title) : null, ...children);
}

export function emptyRow(columns, text) {
  return h('tr', {}, h('td', { colspan: columns, class: 'empty' }, text));
}
