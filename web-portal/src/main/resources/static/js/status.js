// Live progress of one upload over a WebSocket: JSON messages for each video and stage. Every (re)connect starts
// with a snapshot of the current status, so nothing missed while disconnected stays missing; a lost connection is
// retried with growing pauses. Each event's timestampMs (when the server emitted it) gives its latency here.
(() => {
  const uploadId = document.body.dataset.uploadId;
  const connection = document.getElementById('connection');
  const feedback = document.getElementById('feedback');
  const teamReport = document.getElementById('team-report');
  const done = new Set(['COMPLETED', 'PARTIAL', 'FAILED']);
  // what the page received, for whoever measures it (the browser test reads it); socket is the current connection
  const live = window.skillmirrorLive = { latenciesMs: [], events: 0, snapshots: 0, connects: 0, socket: null };
  let socket = null;
  let retryMs = 1000;
  let finished = false;

  function row(videoId) {
    return document.querySelector('tr[data-video-id="' + CSS.escape(videoId) + '"]');
  }

  function link(href, text, cls) {
    const a = document.createElement('a');
    a.href = href;
    a.textContent = text;
    if (cls) a.className = cls;
    return a;
  }

  function showSnapshot(s) {
    document.getElementById('upload-status').textContent = s.status;
    const resume = document.getElementById('resume');
    // a failed upload can be resumed; so can a running one whose manager stopped (the server tells which)
    if (resume) resume.hidden = !(s.status === 'FAILED' || s.status === 'RUNNING');
    (s.videos || []).forEach(v => {
      const r = row(v.videoId);
      if (!r) return;
      r.querySelector('.status').textContent = v.status;
      if (v.stage && !videos.has(v.videoId)) r.querySelector('.stage').textContent = v.stage;
      if (v.status === 'COMPLETED') {
        r.querySelector('.bar').value = 100;
        // nothing later may pull it back, and the stage cell must not contradict the status
        const video = videoProgress(v.videoId);
        video.shown = 100;
        video.reached = CHAIN.length;
        video.stages.forEach((percent, stage) => video.stages.set(stage, 100));
        if (video.stages.size) r.querySelector('.stage').textContent = STAGE_ORDER.filter(st => video.stages.has(st))
          .map(st => st + ' 100 %').join(' · ');
      }
      if (v.error) r.querySelector('.message').textContent = v.error.stage + ': ' + v.error.message;
      const cell = r.querySelector('.report');
      if (v.report && !cell.querySelector('a')) {
        cell.replaceChildren(link('/videos/' + encodeURIComponent(v.videoId) + '/report', 'report', 'report-link'));
      }
    });
    if (s.teamReport && !teamReport.querySelector('a')) {
      teamReport.replaceChildren(link('/uploads/' + encodeURIComponent(uploadId) + '/team-report', 'Team report', 'team-report-link'));
    }
    if (done.has(s.status)) {
      finished = true;
      connection.textContent = '(finished)';
      if (socket) socket.close(1000, 'finished');
    }
  }

  function duration(seconds) {
    const s = Math.max(0, Math.round(seconds || 0));
    return Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0');
  }

  // Stages of one video run side by side (pose beside speech, the overlay beside the reports) and their events
  // interleave, so the row shows them all: the stage cell names each stage seen with its percentage ("pose 62 % ·
  // speech 100 %"), and the bar shows the whole video. Every sub-step is weighted by its usual share of a video's
  // time (ProgressEta's priors), pose segments averaged over those seen so far, and nothing goes back. A step of
  // no known stage shows its own percentage.
  const SUB_STEPS = {
    probe: ['decode', 0.02], proxy: ['decode', 0.5], audio: ['decode', 0.04],
    pose: ['pose', 0.9], summary: ['pose', 0.1], exports: ['pose', 0.05], keyframes: ['pose', 0.05],
    overlay: ['pose', 0.5], speech: ['speech', 0.1], compare: ['compare', 0.05], report: ['report', 0.1],
    pdf: ['report', 0.15]
  };
  const STAGE_ORDER = ['decode', 'pose', 'speech', 'compare', 'report'];
  // the video's chain: a stage's event means the stages before it are done (a page opened or reconnected late has
  // seen none of their events); speech and the overlay run beside it and count only by their own events
  const CHAIN = ['decode', 'pose', 'compare', 'report'];
  const BESIDE = new Set(['speech', 'overlay']);
  const videos = new Map();

  function videoProgress(videoId) {
    let video = videos.get(videoId);
    if (!video) {
      video = { fractions: new Map(), stages: new Map(), shown: 0, reached: -1 };
      videos.set(videoId, video);
    }
    return video;
  }

  // {done, total} of one stage's sub-steps, by their weights
  function stageWork(video, stage) {
    let done = 0;
    let total = 0;
    for (const [name, [group, weight]] of Object.entries(SUB_STEPS)) {
      if (group !== stage) continue;
      const parts = [...video.fractions].filter(([step]) => step.split('/')[0] === name).map(([, f]) => f);
      const passed = CHAIN.indexOf(stage) >= 0 && CHAIN.indexOf(stage) < video.reached && !BESIDE.has(name);
      done += weight * (passed ? 1 : parts.length ? parts.reduce((a, b) => a + b, 0) / parts.length : 0);
      total += weight;
    }
    return { done, total };
  }

  function showProgress(r, ev) {
    const base = typeof ev.step === 'string' ? ev.step.split('/')[0] : '';
    if (!Object.prototype.hasOwnProperty.call(SUB_STEPS, base)) {
      if (!videos.has(ev.videoId)) r.querySelector('.bar').value = ev.percent;
      return;
    }
    const stage = SUB_STEPS[base][0];
    const video = videoProgress(ev.videoId);
    if (!BESIDE.has(base)) video.reached = Math.max(video.reached, CHAIN.indexOf(stage));
    const fraction = Math.max(0, Math.min(1, Number(ev.fraction) || 0));
    video.fractions.set(ev.step, Math.max(video.fractions.get(ev.step) || 0, fraction));
    let done = 0;
    let total = 0;
    for (const s of STAGE_ORDER) {
      const work = stageWork(video, s);
      done += work.done;
      total += work.total;
      if (s === stage || video.stages.has(s) || CHAIN.indexOf(s) >= 0 && CHAIN.indexOf(s) < video.reached) {
        const percent = Math.floor(100 * work.done / work.total + 1e-9);
        video.stages.set(s, Math.max(video.stages.get(s) || 0, percent));
      }
    }
    video.shown = Math.max(video.shown, Math.floor(100 * done / total + 1e-9));
    r.querySelector('.bar').value = video.shown;
    r.querySelector('.stage').textContent = STAGE_ORDER.filter(s => video.stages.has(s))
      .map(s => s + ' ' + video.stages.get(s) + ' %').join(' · ');
  }

  function onEvent(ev) {
    live.events++;
    live.latenciesMs.push(Date.now() - ev.timestampMs);
    const r = ev.videoId ? row(ev.videoId) : null;
    if (r) {
      if (ev.type === 'analysis_progress') {
        showProgress(r, ev);
      } else if (ev.stage && !videos.has(ev.videoId)) {
        r.querySelector('.stage').textContent = ev.stage;
      }
      if (ev.message) {
        // the sub-step's message with the estimates: "overlay video: frames written 40 % · about 0:32 left (upload 1:10)"
        const eta = ev.type === 'analysis_progress' && ev.etaSeconds > 0
          ? ' · about ' + duration(ev.etaSeconds) + ' left (upload ' + duration(ev.uploadEtaSeconds) + ')' : '';
        r.querySelector('.message').textContent = ev.message + eta;
      }
      if (ev.type === 'analysis_error') r.querySelector('.status').textContent = 'FAILED';
    }
    if (ev.type === 'real_time_feedback' && ev.message) {
      const li = document.createElement('li');
      li.textContent = ev.message;
      feedback.appendChild(li);
    }
  }

  function connect() {
    const scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
    socket = live.socket = new WebSocket(scheme + location.host + '/web/uploads/' + encodeURIComponent(uploadId) + '/live');
    socket.onopen = () => { live.connects++; retryMs = 1000; connection.textContent = '(live)'; };
    socket.onmessage = e => {
      const message = JSON.parse(e.data);
      if (message.type === 'snapshot') {
        live.snapshots++;
        showSnapshot(message);
      } else {
        onEvent(message);
      }
    };
    socket.onclose = () => {
      socket = null;
      if (finished) return;
      // a browser does not tell why a handshake failed: ask the status URL, which follows the same rules
      fetch('/web/uploads/' + encodeURIComponent(uploadId), { credentials: 'same-origin' }).then(res => {
        if (res.redirected && new URL(res.url).pathname === '/login') {
          connection.textContent = '(signed out: sign in again and reload this page to follow the analysis)';
        } else if (res.status === 404) {
          connection.textContent = '(this upload is no longer visible to you)';
        } else {
          retry();
        }
      }).catch(retry);
    };
  }

  function retry() {
    connection.textContent = '(reconnecting in ' + Math.round(retryMs / 1000) + ' s…)';
    setTimeout(connect, retryMs);
    retryMs = Math.min(retryMs * 2, 30000);
  }

  const resumeButton = document.getElementById('resume-button');
  if (resumeButton) {
    resumeButton.addEventListener('click', async () => {
      const message = document.getElementById('resume-message');
      resumeButton.disabled = true;
      try {
        const body = await portal.json(resumeButton.dataset.resumeUrl, { method: 'POST' });
        message.textContent = body.message;
        if (body.action === 'resumed' && finished) {
          finished = false;
          connect();
        }
      } catch (e) {
        message.textContent = e.message;
      } finally {
        resumeButton.disabled = false;
      }
    });
  }

  if (done.has(document.getElementById('upload-status').textContent)) {
    finished = true;
    connection.textContent = '(finished)';
  } else {
    connect();
  }
})();
