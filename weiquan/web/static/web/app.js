/* Small progressive enhancements: live countdowns, image previews, no double submits. */
(function () {
  "use strict";
  var doc = document.documentElement;
  var L = {
    d: doc.getAttribute("data-l-d") || "d", h: doc.getAttribute("data-l-h") || "h",
    m: doc.getAttribute("data-l-m") || "m", s: doc.getAttribute("data-l-s") || "s",
    late: doc.getAttribute("data-l-late") || "overdue by", left: doc.getAttribute("data-l-left") || "left"
  };
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function tick() {
    var now = Date.now();
    document.querySelectorAll("[data-deadline]").forEach(function (el) {
      var due = Date.parse(el.getAttribute("data-deadline"));
      if (isNaN(due)) return;
      var ms = due - now, late = ms < 0;
      ms = Math.abs(ms);
      var s = Math.floor(ms / 1000), d = Math.floor(s / 86400), h = Math.floor(s % 86400 / 3600),
          m = Math.floor(s % 3600 / 60), sec = s % 60;
      var text = (d ? d + L.d + " " : "") + pad(h) + L.h + " " + pad(m) + L.m + " " + pad(sec) + L.s;
      el.textContent = late ? L.late + " " + text : text + " " + L.left;
      el.classList.toggle("overdue", late);
    });
  }
  tick();
  setInterval(tick, 1000);

  document.addEventListener("change", function (ev) {
    var input = ev.target;
    if (!input.matches || !input.matches("input[type=file][data-preview]")) return;
    var box = document.getElementById(input.getAttribute("data-preview"));
    if (!box) return;
    box.innerHTML = "";
    Array.prototype.forEach.call(input.files || [], function (file) {
      if (!/^image\//.test(file.type)) {
        var span = document.createElement("span");
        span.className = "small muted";
        span.textContent = file.name;
        box.appendChild(span);
        return;
      }
      var img = document.createElement("img");
      img.alt = file.name;
      img.src = URL.createObjectURL(file);
      img.onload = function () { URL.revokeObjectURL(img.src); };
      box.appendChild(img);
    });
  });

  // One click, one submission: the button is disabled once the form goes.
  document.addEventListener("submit", function (ev) {
    var form = ev.target;
    if (form.getAttribute("data-submitting")) { ev.preventDefault(); return; }
    var question = form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) { ev.preventDefault(); return; }
    form.setAttribute("data-submitting", "1");
    form.querySelectorAll("button[type=submit],button:not([type])").forEach(function (b) {
      setTimeout(function () { b.disabled = true; }, 0);
    });
  });
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-submitting]").forEach(function (f) {
      f.removeAttribute("data-submitting");
      f.querySelectorAll("button").forEach(function (b) { b.disabled = false; });
    });
  });
})();
