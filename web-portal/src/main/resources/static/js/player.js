// The comparison player: the athlete's take is the clock; the expert's video (or the pattern's skeleton) follows it
// through the comparison's own alignment map. Everything shown comes from the comparison view JSON and the notes API;
// user text (notes, names, findings) only ever goes into the page with textContent.
(function () {
  const root = document.getElementById('player');
  if (!root) return;
  const $ = (id) => document.getElementById(id);
  const athleteVideo = $('athlete-video');
  const expertVideo = $('expert-video');
  const athleteCanvas = $('athlete-canvas');
  const expertCanvas = $('expert-canvas');
  const timeline = $('timeline');
  const message = $('player-message');
  const SEVERITY_COLOURS = { PROBLEM: '#c0392b', HIGH: '#c0392b', MEDIUM: '#d35400', WARNING: '#d35400', LOW: '#b7950b', INFO: '#2a6df4' };
  const ANGLE_COLOURS = ['#2a6df4', '#c0392b', '#17a589', '#8e44ad', '#d35400', '#34495e'];
  const NOTE_NEAR_MS = 500; // a note is drawn while playback is within half a second of its time
  const MIN_RATE = 0.0625;  // below this Chromium refuses a playbackRate: the expert then waits paused

  let data = null;
  let canWrite = root.dataset.canWrite === 'true';
  let frameMs = 1000 / 30;
  let expertFrameMs = 1000 / 30;
  let durationMs = 1;
  let notes = [];
  let draft = [];           // points of the note being drawn, 0..1 of the athlete picture
  let chosenAngles = [];
  let timelineStatic = null;
  let firstFrameMs = null;
  let lastTickMs = 0;
  let expertSeeking = false;
  let followedMs = -1;      // the athlete time the expert was last put in step with (state().settled)
  let expertSeeks = 0;      // seeks of the expert's video so far (state(): a smooth play-through seeks once a stride)

  function say(text) {
    message.textContent = text;
    message.hidden = !text;
  }

  // ---- lookups -----------------------------------------------------------------------------------------------------
  /** The index of the entry of a list sorted by key nearest to value (binary search); -1 for an empty list. */
  function nearestIndex(list, value, key) {
    if (!list || list.length === 0) return -1;
    let lo = 0, hi = list.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid][key] < value) lo = mid + 1; else hi = mid;
    }
    if (lo > 0 && Math.abs(list[lo - 1][key] - value) <= Math.abs(list[lo][key] - value)) lo--;
    return lo;
  }
  function nearest(list, value, key) {
    const i = nearestIndex(list, value, key);
    return i < 0 ? null : list[i];
  }
  // Frames and times, as the server maps them (ComparisonViews.frameAt): frame k is shown from k * frame length on,
  // and a time in whole milliseconds gets half a millisecond before flooring (the view's times are frame starts
  // rounded to the millisecond). A seek goes to the middle of a frame, so float rounding never shows its neighbour.
  const frameOf = (ms, fMs) => Math.floor((ms + 0.5) / fMs);
  const frameSeconds = (k, fMs) => (Math.max(0, k) + 0.5) * fMs / 1000;
  const athleteMs = () => athleteVideo.currentTime * 1000;
  const alignmentAt = (ms) => nearest(data.alignment, ms, 'ms');
  const synthesized = () => !!data.expert.synthesized || !data.expert.videoUrl;
  const isPlaying = () => !athleteVideo.paused && !athleteVideo.ended;

  function athleteSkeletonAt(ms) {
    const s = nearest(data.athlete.skeleton, ms, 'ms');
    // beyond a frame and a half nobody was found at that time: draw nothing rather than a stale pose
    return s && Math.abs(s.ms - ms) <= 1.5 * Math.max(frameMs, 1000 / 30) ? s : null;
  }

  function expertSkeletonNow() {
    if (synthesized()) {
      const a = alignmentAt(athleteMs());
      return a ? nearest(data.expert.skeleton, a.position, 'position') : null;
    }
    const ms = expertVideo.currentTime * 1000;
    const s = nearest(data.expert.skeleton, ms, 'ms');
    return s && Math.abs(s.ms - ms) <= 1.5 * Math.max(expertFrameMs, 1000 / 30) ? s : null;
  }

  // ---- drawing -----------------------------------------------------------------------------------------------------
  /** Keeps a canvas' backing store at its displayed size (sharp lines on any screen); returns its 2D context. */
  function fit(canvas) {
    const ratio = window.devicePixelRatio || 1;
    const w = Math.max(1, Math.round(canvas.clientWidth * ratio));
    const h = Math.max(1, Math.round(canvas.clientHeight * ratio));
    if (canvas.width !== w || canvas.height !== h) { canvas.width = w; canvas.height = h; }
    const ctx = canvas.getContext('2d');
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    return ctx;
  }

  /** Skeleton points in canvas pixels: map(x, y) gives the pixel of a point at x, y (0..1) of its picture. */
  function project(entry, map) {
    const out = {};
    const p = entry.points;
    data.landmarks.forEach((lm, i) => {
      if (p[3 * i + 2] >= 0.3) out[lm] = map(p[3 * i], p[3 * i + 1]);
    });
    return out;
  }

  function drawBones(ctx, pts, colour, width, dashed) {
    ctx.save();
    ctx.strokeStyle = colour;
    ctx.fillStyle = colour;
    ctx.lineWidth = width;
    ctx.setLineDash(dashed ? [6, 4] : []);
    for (const [a, b] of data.bones) {
      if (pts[a] && pts[b]) {
        ctx.beginPath();
        ctx.moveTo(pts[a][0], pts[a][1]);
        ctx.lineTo(pts[b][0], pts[b][1]);
        ctx.stroke();
      }
    }
    for (const k in pts) {
      ctx.beginPath();
      ctx.arc(pts[k][0], pts[k][1], width + 1, 0, 2 * Math.PI);
      ctx.fill();
    }
    ctx.restore();
  }

  const mid = (p, a, b) => (p[a] && p[b] ? [(p[a][0] + p[b][0]) / 2, (p[a][1] + p[b][1]) / 2] : null);
  const dist = (a, b) => Math.hypot(a[0] - b[0], a[1] - b[1]);

  /** The expert's pose moved onto the athlete's: same hip midpoint, scaled so both torsos are as long. */
  function ghost(athletePts, expertPts) {
    const ah = mid(athletePts, 23, 24), as = mid(athletePts, 11, 12);
    const eh = mid(expertPts, 23, 24), es = mid(expertPts, 11, 12);
    if (!ah || !as || !eh || !es || dist(eh, es) < 1e-6) return null;
    const scale = dist(ah, as) / dist(eh, es);
    // a mirrored comparison matched the athlete's left with the expert's right: the ghost faces the athlete's way
    const flip = data.mirrored ? -1 : 1;
    const out = {};
    for (const k in expertPts) {
      out[k] = [ah[0] + flip * (expertPts[k][0] - eh[0]) * scale, ah[1] + (expertPts[k][1] - eh[1]) * scale];
    }
    return out;
  }

  function drawAthlete() {
    const ctx = fit(athleteCanvas);
    const w = athleteCanvas.clientWidth, h = athleteCanvas.clientHeight;
    ctx.clearRect(0, 0, w, h);
    const ms = athleteMs();
    const s = athleteSkeletonAt(ms);
    const pts = s ? project(s, (x, y) => [x * w, y * h]) : null;
    if (pts) drawBones(ctx, pts, '#00e676', 3, false);
    if ($('ghost').checked && pts) {
      const e = expertSkeletonNow();
      if (e) {
        const ew = synthesized() ? 1 : (data.expert.width || 1), eh = synthesized() ? 1 : (data.expert.height || 1);
        const g = ghost(pts, project(e, (x, y) => [x * ew, y * eh]));
        if (g) drawBones(ctx, g, 'rgba(255, 196, 0, 0.9)', 2, true);
      }
    }
    for (const n of notes) {
      if (Math.abs(n.timeMs - ms) <= NOTE_NEAR_MS) drawNote(ctx, n.kind, n.points, n.text, n.angleDeg, w, h, '#ff4081');
    }
    if (draft.length) drawNote(ctx, currentTool(), draft, $('note-text').value, null, w, h, '#ffeb3b');
  }

  function drawExpert() {
    const ctx = fit(expertCanvas);
    const w = expertCanvas.clientWidth, h = expertCanvas.clientHeight;
    ctx.clearRect(0, 0, w, h);
    const e = expertSkeletonNow();
    if (!e) return;
    if (synthesized()) {
      // the pattern's skeleton lives in a normalised square box: centred, as large as the panel allows
      const side = Math.min(w, h), ox = (w - side) / 2, oy = (h - side) / 2;
      drawBones(ctx, project(e, (x, y) => [ox + x * side, oy + y * side]), '#ffc400', 3, false);
    } else {
      drawBones(ctx, project(e, (x, y) => [x * w, y * h]), '#ffc400', 3, false);
    }
  }

  function drawNote(ctx, kind, points, text, angleDeg, w, h, colour) {
    const px = (points || []).map((p) => [p[0] * w, p[1] * h]);
    ctx.save();
    ctx.strokeStyle = colour;
    ctx.fillStyle = colour;
    ctx.lineWidth = 3;
    ctx.font = '16px system-ui, sans-serif';
    if (px.length >= 2) {
      ctx.beginPath();
      ctx.moveTo(px[0][0], px[0][1]);
      px.slice(1).forEach((p) => ctx.lineTo(p[0], p[1]));
      ctx.stroke();
    }
    px.forEach((p) => { ctx.beginPath(); ctx.arc(p[0], p[1], 4, 0, 2 * Math.PI); ctx.fill(); });
    let label = text || '';
    if (kind === 'ANGLE' && points && points.length === 3) {
      // measured in picture pixels, as the server measures it
      const deg = angleDeg != null ? angleDeg : pictureAngle(points);
      label = deg.toFixed(1) + '°' + (label ? ' ' + label : '');
    }
    if (label && px.length) {
      const at = kind === 'ANGLE' && px.length === 3 ? px[1] : px[0];
      ctx.lineWidth = 4;
      ctx.strokeStyle = 'rgba(0, 0, 0, 0.7)';
      ctx.strokeText(label, at[0] + 8, at[1] - 8);
      ctx.fillText(label, at[0] + 8, at[1] - 8);
    }
    ctx.restore();
  }

  function pictureAngle(points) {
    const W = data.athlete.width || 1, H = data.athlete.height || 1;
    const [a, v, b] = points.map((p) => [p[0] * W, p[1] * H]);
    const u = [a[0] - v[0], a[1] - v[1]], t = [b[0] - v[0], b[1] - v[1]];
    const cos = (u[0] * t[0] + u[1] * t[1]) / (Math.hypot(u[0], u[1]) * Math.hypot(t[0], t[1]) || 1);
    return Math.acos(Math.max(-1, Math.min(1, cos))) * 180 / Math.PI;
  }

  // ---- timeline ----------------------------------------------------------------------------------------------------
  const TL = { phases: [4, 18], reps: [24, 14], curves: [44, 120], markers: 178 };
  const xOf = (ms, w) => (ms / durationMs) * w;

  /** Phases, repetitions and curves change only with the chosen angles or the width: drawn once into a bitmap. */
  function drawTimelineStatic() {
    const ratio = window.devicePixelRatio || 1;
    const w = timeline.clientWidth, h = timeline.clientHeight;
    const off = document.createElement('canvas');
    off.width = Math.max(1, Math.round(w * ratio));
    off.height = Math.max(1, Math.round(h * ratio));
    const ctx = off.getContext('2d');
    ctx.scale(ratio, ratio);
    ctx.font = '11px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    data.phases.forEach((p, i) => {
      ctx.fillStyle = i % 2 ? '#d6e4ff' : '#b3ccff';
      ctx.fillRect(xOf(p.fromMs, w), TL.phases[0], Math.max(1, xOf(p.toMs - p.fromMs, w)), TL.phases[1]);
      ctx.fillStyle = '#1d2430';
      ctx.fillText(p.name, xOf(p.fromMs, w) + 3, TL.phases[0] + TL.phases[1] / 2, Math.max(0, xOf(p.toMs - p.fromMs, w) - 4));
    });
    data.repetitions.forEach((r, i) => {
      ctx.fillStyle = i % 2 ? '#d5f5e3' : '#abebc6';
      ctx.fillRect(xOf(r.fromMs, w), TL.reps[0], Math.max(1, xOf(r.toMs - r.fromMs, w)), TL.reps[1]);
      ctx.fillStyle = '#1d2430';
      ctx.fillText('#' + r.number, xOf(r.fromMs, w) + 3, TL.reps[0] + TL.reps[1] / 2);
    });
    const c = data.curves;
    let lo = Infinity, hi = -Infinity;
    for (const a of chosenAngles) {
      for (const side of ['athlete', 'expert']) {
        for (const v of (c[side][a] || [])) if (v != null) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
      }
    }
    if (lo <= hi) {
      if (hi - lo < 10) { lo -= 5; hi += 5; }
      const y = (v) => TL.curves[0] + TL.curves[1] * (1 - (v - lo) / (hi - lo));
      ctx.fillStyle = '#6b7380';
      ctx.fillText(Math.round(hi) + '°', 2, TL.curves[0] + 4);
      ctx.fillText(Math.round(lo) + '°', 2, TL.curves[0] + TL.curves[1] - 4);
      chosenAngles.forEach((a) => {
        const colour = ANGLE_COLOURS[c.angles.indexOf(a) % ANGLE_COLOURS.length];
        ['athlete', 'expert'].forEach((side) => {
          const values = c[side][a] || [];
          ctx.strokeStyle = colour;
          ctx.lineWidth = side === 'athlete' ? 2 : 1.5;
          ctx.setLineDash(side === 'athlete' ? [] : [5, 4]);
          ctx.beginPath();
          let pen = false;
          values.forEach((v, i) => {
            if (v == null) { pen = false; return; }
            const X = xOf(c.ms[i], w), Y = y(v);
            if (pen) ctx.lineTo(X, Y); else ctx.moveTo(X, Y);
            pen = true;
          });
          ctx.stroke();
        });
      });
      ctx.setLineDash([]);
    }
    markerPositions(w).forEach((m) => {
      ctx.fillStyle = SEVERITY_COLOURS[m.finding.severity] || '#555';
      ctx.beginPath();
      ctx.arc(m.x, m.y, 7, 0, 2 * Math.PI);
      ctx.fill();
    });
    timelineStatic = off;
  }

  function markerPositions(w) {
    return data.findings.filter((f) => f.ms != null).map((f) => ({ finding: f, x: xOf(f.ms, w), y: TL.markers }));
  }

  function drawTimeline() {
    if (!timelineStatic || timelineStatic.width !== Math.round(timeline.clientWidth * (window.devicePixelRatio || 1))) {
      drawTimelineStatic();
    }
    const ctx = fit(timeline);
    const w = timeline.clientWidth, h = timeline.clientHeight;
    ctx.clearRect(0, 0, w, h);
    ctx.drawImage(timelineStatic, 0, 0, w, h);
    const loop = loopPhase();
    if (loop && $('loop').checked) {
      ctx.fillStyle = 'rgba(42, 109, 244, 0.08)';
      ctx.fillRect(xOf(loop.fromMs, w), 0, xOf(loop.toMs - loop.fromMs, w), h);
    }
    for (const n of notes) {
      ctx.fillStyle = '#ff4081';
      ctx.fillRect(xOf(n.timeMs, w) - 1, TL.markers + 10, 3, 8);
    }
    const X = xOf(athleteMs(), w);
    ctx.strokeStyle = '#1d2430';
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    ctx.moveTo(X, 0);
    ctx.lineTo(X, h);
    ctx.stroke();
  }

  function timelineClick(e) {
    const rect = timeline.getBoundingClientRect();
    const x = e.clientX - rect.left, y = e.clientY - rect.top, w = rect.width;
    const hit = markerPositions(w).find((m) => Math.hypot(m.x - x, m.y - y) <= 10);
    if (hit) { seek(hit.finding.ms); return; }
    if (y >= TL.phases[0] && y <= TL.phases[0] + TL.phases[1]) {
      const ms = (x / w) * durationMs;
      // phases of successive cycles may touch or overlap: the one that started last is the one under the pointer
      const p = data.phases.filter((ph) => ms >= ph.fromMs && ms <= ph.toMs).sort((a, b) => b.fromMs - a.fromMs)[0];
      if (p) { choosePhase(data.phases.indexOf(p)); return; }
    }
    seek(Math.max(0, Math.min(durationMs, (x / w) * durationMs)));
  }

  // ---- the clock ---------------------------------------------------------------------------------------------------
  /** Called for every athlete frame shown (and after each seek): keeps the expert in step, loops, redraws. */
  function tick() {
    const ms = athleteMs();
    const loop = loopPhase();
    if (loop && $('loop').checked && isPlaying() && (ms >= loop.toMs || ms < loop.fromMs - frameMs)) {
      seek(loop.fromMs);
    }
    followExpert(ms);
    drawAthlete();
    drawExpert();
    drawTimeline();
    $('time').textContent = (ms / 1000).toFixed(2) + ' s · frame ' + frameOf(ms, frameMs);
    lastTickMs = ms;
  }

  /**
   * The alignment's entries in runs: a run is a stretch where the expert's time never goes back (one stride, one
   * repetition); at a run's end the expert starts over. Marks each entry with its run.
   */
  function markRuns(alignment) {
    let run = 0;
    alignment.forEach((a, i) => {
      const prev = alignment[i - 1];
      if (i > 0 && (a.expertMs == null || prev.expertMs == null || a.expertMs < prev.expertMs)) run++;
      a.run = run;
    });
  }

  /**
   * The expert's ms per athlete ms around entry i, from entries up to 250 ms either side within i's run only: across
   * a run's end the expert's time jumps back, which is a seek, not a speed. 1 when the run has one entry.
   */
  function slopeAt(i, ms) {
    const list = data.alignment, run = list[i].run;
    let p = i, n = i;
    while (p > 0 && list[p - 1].run === run && list[p - 1].ms >= ms - 250) p--;
    while (n < list.length - 1 && list[n + 1].run === run && list[n + 1].ms <= ms + 250) n++;
    return list[n].ms > list[p].ms ? (list[n].expertMs - list[p].expertMs) / (list[n].ms - list[p].ms) : 1;
  }

  function followExpert(ms) {
    followedMs = ms;
    if (synthesized() || expertVideo.readyState < 1) return;
    const i = nearestIndex(data.alignment, ms, 'ms');
    const a = i < 0 ? null : data.alignment[i];
    if (!a || a.expertMs == null) return;
    if (!isPlaying()) {
      // at rest the expert shows the map's frame exactly, seeked to its middle
      if (!expertVideo.paused) expertVideo.pause();
      if (frameOf(expertVideo.currentTime * 1000, expertFrameMs) !== a.expertFrame && !expertSeeking) {
        seekExpert(frameSeconds(a.expertFrame, expertFrameMs));
      }
      return;
    }
    // while playing: the expert runs at the athlete's speed times the alignment's local slope (within the stride),
    // corrected so that any drift is gone in half a second; a jump (seek, loop, a new stride, a far drift) is a seek
    const slope = slopeAt(i, ms);
    const target = (a.expertMs + slope * (ms - a.ms)) / 1000;
    const drift = expertVideo.currentTime - target;
    if (Math.abs(drift) > 0.25) { if (!expertSeeking) seekExpert(target); return; }
    const rate = athleteVideo.playbackRate * slope - drift / 0.5;
    if (rate < MIN_RATE) {
      if (!expertVideo.paused) expertVideo.pause();
      if (Math.abs(drift) * 1000 > expertFrameMs && !expertSeeking) seekExpert(target);
      return;
    }
    expertVideo.playbackRate = Math.min(4, rate);
    if (expertVideo.paused && !expertSeeking) expertVideo.play().catch(() => {});
  }

  function seekExpert(seconds) {
    expertSeeking = true;
    expertSeeks++;
    expertVideo.currentTime = Math.max(0, seconds);
  }

  /** Shows the athlete's frame k (clamped to the take), seeked to its middle. */
  function showFrame(k) {
    const last = Math.max(0, Math.round(durationMs / frameMs) - 1);
    athleteVideo.currentTime = frameSeconds(Math.min(last, k), frameMs);
  }

  /** Shows the athlete's frame at a time (a finding's, a phase's, a note's, a click on the timeline). */
  function seek(ms) {
    showFrame(frameOf(Math.max(0, ms), frameMs));
  }

  function step(frames) {
    athleteVideo.pause();
    showFrame(frameOf(athleteMs(), frameMs) + frames);
  }

  function togglePlay() {
    if (isPlaying()) athleteVideo.pause(); else athleteVideo.play().catch((e) => say('The video did not start: ' + e.message));
  }

  function loopPhase() {
    const v = $('phase').value;
    return v === '' ? null : data.phases[Number(v)];
  }

  function choosePhase(index) {
    const sel = $('phase');
    sel.value = index == null || index < 0 ? '' : String(index);
    const p = loopPhase();
    if (p) seek(p.fromMs);
    drawTimeline();
  }

  function schedule() {
    if ('requestVideoFrameCallback' in athleteVideo) {
      const onFrame = () => {
        markFirstFrame();
        tick();
        athleteVideo.requestVideoFrameCallback(onFrame);
      };
      athleteVideo.requestVideoFrameCallback(onFrame);
    } else {
      const loop = () => {
        if (isPlaying() || athleteMs() !== lastTickMs) tick();
        requestAnimationFrame(loop);
      };
      requestAnimationFrame(loop);
    }
    // while playing, the expert can also drift between athlete frames (0.25x): a light check on animation frames
    const guard = () => { if (isPlaying()) followExpert(athleteMs()); requestAnimationFrame(guard); };
    requestAnimationFrame(guard);
  }

  function markFirstFrame() {
    if (firstFrameMs == null) {
      firstFrameMs = performance.now();
      root.dataset.firstFrameMs = String(Math.round(firstFrameMs));
    }
  }

  // ---- notes -------------------------------------------------------------------------------------------------------
  const currentTool = () => (document.querySelector('input[name=tool]:checked') || {}).value || '';
  const NEEDED = { LINE: 2, ANGLE: 3, TEXT: 1 };

  function readOnly(reason) {
    canWrite = false;
    $('note-tools').hidden = true;
    draft = [];
    renderNotes();
    if (reason) say(reason);
  }

  /** Notes in time order, as the notes API and the report list them (a new note's place is its time's). */
  function sortNotes() {
    notes.sort((a, b) => a.timeMs - b.timeMs);
  }

  async function loadNotes() {
    try {
      notes = await portal.json(data.notesUrl);
      sortNotes();
      renderNotes();
    } catch (e) {
      say('The coach\'s notes could not be loaded: ' + e.message + '. Reload the page to try again.');
    }
  }

  function renderNotes() {
    const list = $('notes');
    list.replaceChildren();
    if (notes.length === 0) {
      const li = document.createElement('li');
      li.className = 'muted';
      li.textContent = canWrite ? 'No notes yet: pause, pick a tool and draw on the athlete.' : 'No notes from the coach yet.';
      list.appendChild(li);
    }
    notes.forEach((n) => {
      const li = document.createElement('li');
      li.dataset.noteId = n.id;
      const time = document.createElement('button');
      time.type = 'button';
      time.className = 'link note-time';
      time.textContent = (n.timeMs / 1000).toFixed(2) + ' s';
      time.setAttribute('aria-label', 'Go to the note at ' + (n.timeMs / 1000).toFixed(2) + ' seconds');
      time.addEventListener('click', () => { athleteVideo.pause(); seek(n.timeMs); });
      li.appendChild(time);
      const what = document.createElement('span');
      what.className = 'note-text';
      what.textContent = ' ' + n.kind.toLowerCase() + (n.angleDeg != null ? ' ' + n.angleDeg.toFixed(1) + '°' : '')
        + (n.text ? ': ' + n.text : '') + (n.author ? ' (' + n.author + ')' : '');
      li.appendChild(what);
      if (canWrite) {
        const del = document.createElement('button');
        del.type = 'button';
        del.className = 'danger note-delete';
        del.textContent = 'Delete';
        del.setAttribute('aria-label', 'Delete the note at ' + (n.timeMs / 1000).toFixed(2) + ' seconds');
        del.addEventListener('click', () => deleteNote(n));
        li.appendChild(document.createTextNode(' '));
        li.appendChild(del);
      }
      list.appendChild(li);
    });
    drawAthlete();
    drawTimeline();
  }

  async function send(url, options) {
    const res = await fetch(url, Object.assign({ credentials: 'same-origin' }, options, {
      headers: Object.assign({ 'Content-Type': 'application/json' }, portal.csrfHeaders())
    }));
    const body = res.status === 204 ? {} : await res.json().catch(() => ({}));
    if (res.status === 403) {
      readOnly((body.error || 'Only the coaches of the athlete\'s team annotate this video.') + ' The notes are shown read-only.');
      throw Object.assign(new Error(body.error || 'forbidden'), { shown: true });
    }
    if (!res.ok) throw new Error(body.error || ('HTTP ' + res.status));
    return body;
  }

  async function saveDraft() {
    const kind = currentTool();
    const text = $('note-text').value.trim();
    if (kind === 'TEXT' && !text) {
      say('A text pin needs a comment: type it in the Comment box, then click on the picture again.');
      draft = [];
      drawAthlete();
      return;
    }
    const body = { timeMs: Math.round(athleteMs()), kind, points: draft.map((p) => [+p[0].toFixed(4), +p[1].toFixed(4)]) };
    if (text) body.text = text;
    try {
      const note = await send(data.notesUrl, { method: 'POST', body: JSON.stringify(body) });
      notes.push(note);
      sortNotes();
      $('note-text').value = '';
      say('');
      $('note-hint').textContent = 'Saved at ' + (note.timeMs / 1000).toFixed(2) + ' s.';
    } catch (e) {
      if (!e.shown) say('The note was not saved: ' + e.message);
    }
    draft = [];
    renderNotes();
  }

  async function deleteNote(n) {
    try {
      await send(data.notesUrl + '/' + encodeURIComponent(n.id), { method: 'DELETE' });
      notes = notes.filter((x) => x.id !== n.id);
      renderNotes();
    } catch (e) {
      if (!e.shown) say('The note was not deleted: ' + e.message);
    }
  }

  function canvasClick(e) {
    const tool = currentTool();
    if (!canWrite || !tool) { togglePlay(); return; }
    if (isPlaying()) athleteVideo.pause();
    const rect = athleteCanvas.getBoundingClientRect();
    draft.push([Math.min(1, Math.max(0, (e.clientX - rect.left) / rect.width)),
      Math.min(1, Math.max(0, (e.clientY - rect.top) / rect.height))]);
    $('note-hint').textContent = draft.length + ' of ' + NEEDED[tool] + ' points'
      + (tool === 'ANGLE' ? ' (the middle one is the vertex)' : '');
    drawAthlete();
    if (draft.length >= NEEDED[tool]) saveDraft();
  }

  // ---- set-up ------------------------------------------------------------------------------------------------------
  function chooseAngles() {
    const box = $('angle-choice');
    box.replaceChildren();
    const angles = data.curves.angles || [];
    chosenAngles = angles.slice(0, 2); // the compared angles come most weight first
    angles.forEach((a, i) => {
      const label = document.createElement('label');
      const input = document.createElement('input');
      input.type = 'checkbox';
      input.value = a;
      input.checked = chosenAngles.includes(a);
      input.addEventListener('change', () => {
        chosenAngles = angles.filter((x) => box.querySelector('input[value="' + CSS.escape(x) + '"]').checked);
        timelineStatic = null;
        drawTimeline();
      });
      const swatch = document.createElement('span');
      swatch.textContent = a.replace(/_/g, ' ');
      swatch.style.color = ANGLE_COLOURS[i % ANGLE_COLOURS.length];
      label.append(input, swatch);
      box.appendChild(label);
    });
  }

  function listFindings() {
    const list = $('findings');
    list.replaceChildren();
    data.findings.forEach((f) => {
      const li = document.createElement('li');
      const sev = document.createElement('strong');
      sev.className = 'sev-' + f.severity;
      sev.textContent = f.severity + ' ';
      li.appendChild(sev);
      if (f.ms != null) {
        const go = document.createElement('button');
        go.type = 'button';
        go.className = 'link finding-seek';
        go.dataset.ms = String(f.ms);
        go.textContent = (f.ms / 1000).toFixed(2) + ' s';
        go.setAttribute('aria-label', 'Go to ' + (f.ms / 1000).toFixed(2) + ' seconds: ' + f.message);
        go.addEventListener('click', () => { athleteVideo.pause(); seek(f.ms); });
        li.appendChild(go);
        li.appendChild(document.createTextNode(' '));
      }
      const text = document.createElement('span');
      text.textContent = f.message + (f.drill ? ' Drill: ' + f.drill : '') + (f.why ? ' (' + f.why + ')' : '');
      li.appendChild(text);
      list.appendChild(li);
    });
    if (!data.findings.length) {
      const li = document.createElement('li');
      li.className = 'muted';
      li.textContent = 'No findings: the movement is within the skill\'s thresholds.';
      list.appendChild(li);
    }
  }

  function wire() {
    $('play').addEventListener('click', togglePlay);
    $('step-back').addEventListener('click', () => step(-1));
    $('step-forward').addEventListener('click', () => step(1));
    $('speed').addEventListener('change', (e) => { athleteVideo.playbackRate = Number(e.target.value); });
    $('phase').addEventListener('change', (e) => choosePhase(e.target.value === '' ? -1 : Number(e.target.value)));
    $('loop').addEventListener('change', drawTimeline);
    $('ghost').addEventListener('change', drawAthlete);
    $('note-cancel').addEventListener('click', () => { draft = []; $('note-hint').textContent = ''; drawAthlete(); });
    document.querySelectorAll('input[name=tool]').forEach((r) => r.addEventListener('change', () => {
      draft = [];
      athleteCanvas.classList.toggle('drawing', !!currentTool());
      drawAthlete();
    }));
    athleteCanvas.addEventListener('click', canvasClick);
    timeline.addEventListener('click', timelineClick);
    athleteVideo.addEventListener('play', () => { $('play').textContent = 'Pause'; $('play').setAttribute('aria-label', 'Pause (space)'); });
    athleteVideo.addEventListener('pause', () => { $('play').textContent = 'Play'; $('play').setAttribute('aria-label', 'Play (space)'); tick(); });
    athleteVideo.addEventListener('seeked', tick);
    athleteVideo.addEventListener('loadeddata', () => { markFirstFrame(); tick(); });
    athleteVideo.addEventListener('error', () => say('The athlete\'s video could not be played ('
      + (athleteVideo.error ? athleteVideo.error.message || 'code ' + athleteVideo.error.code : 'unknown error')
      + '). Reload the page; if it persists, the proxy may be missing: analyse the video again.'));
    // the athlete may have moved on while the expert was seeking: follow again from where the athlete is now
    expertVideo.addEventListener('seeked', () => { expertSeeking = false; followExpert(athleteMs()); drawExpert(); drawAthlete(); });
    expertVideo.addEventListener('loadedmetadata', () => followExpert(athleteMs()));
    expertVideo.addEventListener('error', () => say('The expert\'s video could not be played; the expert\'s skeleton still follows the alignment.'));
    window.addEventListener('resize', () => { timelineStatic = null; tick(); });
    document.addEventListener('keydown', (e) => {
      if (e.target.closest && e.target.closest('input, textarea, select')) return;
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      // space on a focused button presses that button, as everywhere else
      if (e.key === ' ' && e.target.closest && e.target.closest('button')) return;
      const phases = data.phases.length;
      const current = $('phase').value === '' ? -1 : Number($('phase').value);
      if (e.key === ' ') togglePlay();
      else if (e.key === 'ArrowLeft') step(-1);
      else if (e.key === 'ArrowRight') step(1);
      else if (e.key === '[' && phases) choosePhase(current <= 0 ? phases - 1 : current - 1);
      else if (e.key === ']' && phases) choosePhase(current >= phases - 1 ? 0 : current + 1);
      else if (e.key === 'g') { $('ghost').checked = !$('ghost').checked; drawAthlete(); }
      else return;
      e.preventDefault();
    });
  }

  async function start() {
    try {
      data = await portal.json(root.dataset.viewUrl);
    } catch (e) {
      say('The comparison could not be loaded: ' + e.message);
      root.hidden = true;
      return;
    }
    frameMs = 1000 / (data.athlete.fps || 30);
    expertFrameMs = 1000 / (data.expert.fps || 30);
    durationMs = Math.max(1, data.athlete.durationMs || 1);
    data.phases = data.phases || [];
    data.repetitions = data.repetitions || [];
    data.findings = data.findings || [];
    data.alignment = data.alignment || [];
    markRuns(data.alignment);
    if (data.athlete.width && data.athlete.height) {
      $('athlete-stage').style.aspectRatio = data.athlete.width + ' / ' + data.athlete.height;
    }
    if (!synthesized() && data.expert.width && data.expert.height) {
      $('expert-stage').style.aspectRatio = data.expert.width + ' / ' + data.expert.height;
    }
    $('expert-name').textContent = data.expert.name || '';
    $('expert-source').textContent = synthesized()
      ? '(no footage: the pattern\'s skeleton, from its mean angle curves)' : '(' + data.expert.source + ')';
    $('player-summary').textContent = data.skillName + (data.score != null ? ' · score ' + Math.round(data.score) + ' / 100' : '')
      + (data.mirrored ? ' · compared mirrored (left and right swapped)' : '');
    data.phases.forEach((p, i) => {
      const o = document.createElement('option');
      o.value = String(i);
      o.textContent = p.name + ' (' + (p.fromMs / 1000).toFixed(2) + '–' + (p.toMs / 1000).toFixed(2) + ' s)';
      $('phase').appendChild(o);
    });
    $('note-tools').hidden = !canWrite;
    chooseAngles();
    listFindings();
    wire();
    athleteVideo.src = data.athlete.videoUrl;
    if (!synthesized()) {
      expertVideo.hidden = false;
      expertVideo.src = data.expert.videoUrl;
    }
    schedule();
    root.dataset.ready = 'true';
    loadNotes();
  }

  window.skillmirrorPlayer = {
    /** What the page shows now, for tests and for anyone checking the sync by hand. */
    state() {
      if (!data) return { ready: false };
      const ms = athleteMs();
      const a = alignmentAt(ms);
      return {
        ready: true,
        athleteMs: ms,
        athleteFrame: frameOf(ms, frameMs),
        expertMs: synthesized() ? null : expertVideo.currentTime * 1000,
        expertFrame: synthesized() ? null : frameOf(expertVideo.currentTime * 1000, expertFrameMs),
        expertSeeks,
        expertSeeking,
        expertReadyState: synthesized() ? null : expertVideo.readyState,
        expectedExpertMs: a ? a.expertMs : null,
        expectedExpertFrame: a ? a.expertFrame : null,
        alignmentMs: a ? a.ms : null,
        playing: isPlaying(),
        settled: !athleteVideo.seeking && !expertVideo.seeking && !expertSeeking && athleteVideo.readyState >= 2
          && Math.abs(followedMs - ms) < 0.5
          && (synthesized() || expertVideo.readyState >= 2),
        firstFrameMs
      };
    },
    /** Finding markers on the timeline in CSS pixels from its top left corner. */
    markers() {
      const w = timeline.clientWidth;
      return data ? markerPositions(w).map((m) => ({ id: m.finding.id, ms: m.finding.ms, x: m.x, y: m.y })) : [];
    },
    notes: () => notes.slice()
  };

  start();
})();
