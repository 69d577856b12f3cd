// Doorbraakschool video player: interactive transcript, playback speed, resume position, and
// honest tracking: it reports which intervals [start, end) were actually played, batched about
// every 10 seconds and once more when the page is hidden (navigator.sendBeacon).
(function () {
  "use strict";
  var BATCH_MS = 10000;
  var JUMP = 1.5; // seconds: a larger jump in currentTime means a seek, so a new interval starts

  function setUp(root) {
    var video = root.querySelector("video");
    if (!video) { return; }
    var url = root.getAttribute("data-beacon-url");
    var videoId = root.getAttribute("data-video-id");
    var page = Math.random().toString(36).slice(2, 12);
    var seq = 0;
    var segments = [];
    var current = null;
    var lastTime = 0;
    var maxRate = video.playbackRate || 1;
    var events = { played: 0, paused: 0, seeked: 0, completed: 0 };
    var status = root.querySelector(".video-status");

    function closeSegment() {
      if (current && current[1] > current[0]) { segments.push([current[0], current[1]]); }
      current = null;
    }
    function payload() {
      closeSegment();
      if (!video.paused) { current = [video.currentTime, video.currentTime]; }
      var body = {
        video: videoId, page: page, seq: seq, segments: segments, position: video.currentTime,
        rate: maxRate, events: events, csrf_token: window.doorbraak.csrfToken()
      };
      seq += 1;
      segments = [];
      events = { played: 0, paused: 0, seeked: 0, completed: 0 };
      maxRate = video.playbackRate || 1;
      return JSON.stringify(body);
    }
    function hasNews() {
      return segments.length || (current && current[1] > current[0]) ||
        events.played || events.paused || events.seeked || events.completed;
    }
    function send() {
      if (!hasNews()) { return; }
      fetch(url, {
        method: "POST", credentials: "same-origin", keepalive: true,
        headers: { "Content-Type": "application/json", "X-CSRF-Token": window.doorbraak.csrfToken() },
        body: payload()
      }).then(function (response) {
        return response.ok ? response.json() : null;
      }).then(function (data) {
        if (data && status) { status.textContent = describe(data); }
      }).catch(function () { /* the next batch carries the union again server-side */ });
    }
    function sendOnHide() {
      if (!hasNews()) { return; }
      var blob = new Blob([payload()], { type: "text/plain;charset=UTF-8" });
      if (!(navigator.sendBeacon && navigator.sendBeacon(url, blob))) { send(); }
    }
    function describe(data) {
      var text = "Bekeken " + data.percent + "%";
      if (data.missing) { text += " — nog niet gezien: " + data.missing; }
      return text + (data.completed ? ". De video telt als bekeken." : ".");
    }

    video.addEventListener("timeupdate", function () {
      var t = video.currentTime;
      if (!video.paused && !video.seeking) {
        if (current && t >= current[1] && t - current[1] <= JUMP * Math.max(1, video.playbackRate)) {
          current[1] = t;
        } else {
          closeSegment();
          current = [t, t];
        }
      }
      lastTime = t;
    });
    video.addEventListener("play", function () { events.played += 1; current = [video.currentTime, video.currentTime]; });
    video.addEventListener("pause", function () { events.paused += 1; closeSegment(); });
    video.addEventListener("seeking", function () { events.seeked += 1; closeSegment(); });
    video.addEventListener("ended", function () { events.completed += 1; closeSegment(); send(); });
    video.addEventListener("ratechange", function () { maxRate = Math.max(maxRate, video.playbackRate); });
    video.addEventListener("loadedmetadata", function () {
      var resume = parseFloat(root.getAttribute("data-resume") || "0");
      if (resume > 1 && resume < video.duration - 5) { video.currentTime = resume; }
    });
    window.setInterval(send, BATCH_MS);
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") { sendOnHide(); }
    });
    window.addEventListener("pagehide", sendOnHide);

    var speed = root.querySelector(".player-speed");
    if (speed) {
      speed.addEventListener("change", function () { video.playbackRate = parseFloat(speed.value) || 1; });
    }
    setUpTranscript(root, video);
  }

  function setUpTranscript(root, video) {
    var list = root.querySelector(".interactive-transcript");
    var track = video.textTracks && video.textTracks[0];
    if (!list || !track) { return; }
    track.mode = "showing";
    function build() {
      if (!track.cues || !track.cues.length || list.children.length) { return; }
      Array.prototype.forEach.call(track.cues, function (cue) {
        var item = document.createElement("li");
        var button = document.createElement("button");
        button.type = "button";
        button.className = "cue";
        button.textContent = cue.text.replace(/\n/g, " ");
        button.setAttribute("data-start", cue.startTime);
        button.addEventListener("click", function () {
          video.currentTime = cue.startTime;
          video.focus();
        });
        item.appendChild(button);
        list.appendChild(item);
      });
    }
    var trackElement = video.querySelector("track");
    if (trackElement) { trackElement.addEventListener("load", build); }
    build();
    track.addEventListener("cuechange", function () {
      build();
      var active = track.activeCues && track.activeCues[0];
      Array.prototype.forEach.call(list.querySelectorAll(".cue"), function (button) {
        var on = active && parseFloat(button.getAttribute("data-start")) === active.startTime;
        if (on) { button.setAttribute("aria-current", "true"); } else { button.removeAttribute("aria-current"); }
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll(".player"), setUp);
  });
})();
