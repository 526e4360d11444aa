// The REST API as the dashboard uses it: every call sends the API key the user entered (if any) and turns an
// RFC 9457 problem answer into an ApiError that views can show as it is.

const KEY = 'mipro.apiKey';

export function apiKey() {
  return localStorage.getItem(KEY) || '';
}

export function setApiKey(value) {
  if (value) {
    localStorage.setItem(KEY, value);
  } else {
    localStorage.removeItem(KEY);
  }
}

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

function headers(extra = {}) {
  const key = apiKey();
  return key ? { 'X-API-Key': key, ...extra } : extra;
}

async function send(method, path, body, contentType) {
  const init = { method, headers: headers(contentType ? { 'Content-Type': contentType } : {}) };
  if (body !== undefined) {
    init.body = body;
  }
  const response = await fetch(path, init);
  const type = response.headers.get('Content-Type') || '';
  if (!response.ok) {
    let problem = { title: response.statusText, status: response.status };
    if (type.includes('json')) {
      problem = await response.json();
    }
    throw new ApiError(response.status, problem);
  }
  if (response.status === 204) {
    return null;
  }
  return type.includes('json') ? response.json() : response.text();
}

export const api = {
  get: (path) => send('GET', path),
  post: (path) => send('POST', path),
  del: (path) => send('DELETE', path),
  postJson: (path, value) => send('POST', path, typeof value === 'string' ? value : JSON.stringify(value), 'application/json'),
  upload: (path, formData) => send('POST', path, formData),

  /** Downloads a file through fetch (so the key is sent) and hands it to the browser under the server's name. */
  async download(path, fallbackName) {
    const response = await fetch(path, { headers: headers() });
    if (!response.ok) {
      const problem = (response.headers.get('Content-Type') || '').includes('json') ? await response.json() : {};
      throw new ApiError(response.status, problem);
    }
    const disposition = response.headers.get('Content-Disposition') || '';
    const match = /filename="?([^";]+)"?/.exec(disposition);
    const url = URL.createObjectURL(await response.blob());
    const link = Object.assign(document.createElement('a'), { href: url, download: match ? match[1] : fallbackName });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  },
};

/**
 * Server-Sent Events over fetch rather than EventSource, which cannot send the API key header. Calls onEvent(name,
 * data) per message; reconnects with Last-Event-ID after a dropped connection until stop() or a clean end.
 * onState('open' | 'closed' | 'retrying') says how the stream is doing.
 */
export function streamEvents(path, onEvent, onState) {
  const controller = new AbortController();
  let lastId = null;
  let stopped = false;

  async function connect() {
    try {
      const response = await fetch(path, {
        headers: headers(lastId ? { Accept: 'text/event-stream', 'Last-Event-ID': lastId } : { Accept: 'text/event-stream' }),
        signal: controller.signal,
      });
      if (!response.ok || !response.body) {
        throw new Error(`event stream answered ${response.status}`);
      }
      onState('open');
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) {
          break;
        }
        buffer += value.replace(/\r\n/g, '\n');
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          dispatch(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      }
      onState('closed');
    } catch (error) {
      if (stopped) {
        return;
      }
      onState('retrying');
      setTimeout(connect, 2000);
    }
  }

  function dispatch(block) {
    let name = 'message';
    const data = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event:')) {
        name = line.slice(6).trim();
      } else if (line.startsWith('data:')) {
        data.push(line.slice(5).replace(/^ /, ''));
      } else if (line.startsWith('id:')) {
        lastId = line.slice(3).trim();
      }
    }
    if (data.length) {
      let parsed = data.join('\n');
      try {
        parsed = JSON.parse(parsed);
      } catch (ignored) {
        // not JSON: pass the text on
      }
      onEvent(name, parsed);
    }
  }

  connect();
  return { stop() { stopped = true; controller.abort(); } };
}
