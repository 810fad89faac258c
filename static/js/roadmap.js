// Cumulative plan (as written and re-based) against the cumulative actual, from the JSON the page embeds.
(function () {
  const data = JSON.parse(document.getElementById("roadmap-data").textContent);
  const canvas = document.getElementById("roadmap-chart");
  if (!window.Chart || !canvas) return;
  new Chart(canvas, {
    type: "line",
    data: {
      labels: data.labels,
      datasets: [
        { label: "Kế hoạch lũy kế (theo văn bản)", data: data.written, borderColor: "#0b4f8a", spanGaps: true, stepped: false },
        { label: "Kế hoạch tính lại theo số phường", data: data.rebased, borderColor: "#8a6d00", borderDash: [6, 4], spanGaps: true },
        { label: "Thực tế lũy kế", data: data.actual, borderColor: "#1b7f3b", backgroundColor: "#1b7f3b", borderWidth: 3 },
      ],
    },
    options: { animation: false, maintainAspectRatio: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
  });
  canvas.dataset.ready = "1";
})();
