// The workbench's only script: uploads with per-file progress, and filtering/sorting the ledger.
"use strict";

function cell(row, text, cls) {
  const td = document.createElement("td");
  td.textContent = text;  // never innerHTML: names and reasons come from the user's files
  if (cls) td.className = cls;
  row.appendChild(td);
  return td;
}

function addRow(name, rows) {
  // A row per file as soon as it is chosen: waiting, uploading, auditing, then its result.
  const row = document.createElement("tr");
  cell(row, name);
  const bar = document.createElement("progress");
  bar.max = 100; bar.value = 0;
  row.appendChild(document.createElement("td")).appendChild(bar);
  const result = cell(row, "等待上传");
  rows.appendChild(row);
  return [bar, result];
}

function uploadOne(file, name, bar, result) {
  result.textContent = "上传中…";
  return new Promise((resolve) => {
    const form = new FormData();
    form.append("files", file, name);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/plans");
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) bar.value = 50 * e.loaded / e.total; };
    xhr.onload = () => {
      let answer;
      try { answer = JSON.parse(xhr.responseText); } catch (e) { answer = {error: "服务器没有返回结果"}; }
      if (xhr.status !== 200) { show(result, bar, "rejected", answer.error || ("上传失败：" + xhr.status)); resolve(); return; }
      follow(answer.files[0], result, bar).then(resolve);
    };
    xhr.onerror = () => { show(result, bar, "rejected", "上传失败：无法连接工作台"); resolve(); };
    xhr.send(form);
  });
}

function show(result, bar, status, text) {
  result.className = status;
  result.textContent = text;
  bar.value = 100;
}

async function follow(file, result, bar) {
  // Poll the upload's audit until it is done or failed.
  while (file.status === "queued") {
    result.textContent = "审核中…";
    bar.value = 60;
    await new Promise((r) => setTimeout(r, 700));
    const response = await fetch("/api/versions/" + file.id, {credentials: "same-origin"});
    file = Object.assign(file, await response.json());
  }
  if (file.status === "done") {
    show(result, bar, "done", "");
    const link = document.createElement("a");
    link.href = "/plans/" + file.plan_id + "?version=" + file.number;
    link.textContent = "已审核：错误 " + file.error + "，警告 " + file.warning + "，提示 " + file.info
      + (file.duplicate ? "（此前已上传过）" : "");
    result.appendChild(link);
  } else {
    show(result, bar, file.status, "无法审核：" + (file.reason || "未知原因"));
  }
}

async function uploadAll(entries) {
  const rows = document.querySelector("#progress tbody");
  const queue = entries.map(([file, name]) => [file, name, ...addRow(name, rows)]);
  const lanes = [1, 2, 3].map(async () => {
    while (queue.length) {
      await uploadOne(...queue.shift());
    }
  });
  await Promise.all(lanes);
}

function walk(entry, prefix, out) {
  // A dropped folder: every file under it.
  return new Promise((resolve) => {
    if (entry.isFile) {
      entry.file((f) => { out.push([f, prefix + f.name]); resolve(); }, () => resolve());
    } else if (entry.isDirectory) {
      const reader = entry.createReader();
      const all = [];
      const next = () => reader.readEntries(async (batch) => {
        if (!batch.length) {
          for (const e of all) await walk(e, prefix + entry.name + "/", out);
          resolve();
        } else { all.push(...batch); next(); }
      }, () => resolve());
      next();
    } else resolve();
  });
}

function setUpUpload(drop) {
  const chosen = (input) => uploadAll(Array.from(input.files).map((f) => [f, f.webkitRelativePath || f.name]));
  for (const id of ["files", "folder"]) {
    const input = document.getElementById(id);
    input.addEventListener("change", () => { chosen(input); });
  }
  drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", async (e) => {
    e.preventDefault();
    drop.classList.remove("over");
    const out = [];
    const items = Array.from(e.dataTransfer.items || []).map((i) => i.webkitGetAsEntry && i.webkitGetAsEntry());
    if (items.length && items.every(Boolean)) {
      for (const entry of items) await walk(entry, "", out);
    } else {
      for (const f of e.dataTransfer.files) out.push([f, f.name]);
    }
    uploadAll(out);
  });
}

function setUpLedger(table) {
  const body = table.tBodies[0];
  const filter = document.getElementById("filter");
  const status = document.getElementById("status-filter");
  const apply = () => {
    const words = filter.value.trim().toLowerCase();
    for (const row of body.rows) {
      if (!row.dataset.status) continue;
      const hit = (!words || row.textContent.toLowerCase().includes(words))
        && (!status.value || row.dataset.status === status.value);
      row.classList.toggle("hidden", !hit);
    }
  };
  filter.addEventListener("input", apply);
  status.addEventListener("change", apply);
  document.getElementById("select-all").addEventListener("change", (e) => {
    for (const box of body.querySelectorAll("tr:not(.hidden) input[name=ids]")) box.checked = e.target.checked;
  });
  table.querySelectorAll("th[data-sort]").forEach((th) => {
    th.addEventListener("click", () => {
      const column = th.cellIndex;
      const numeric = th.hasAttribute("data-numeric");
      const down = th.dataset.direction !== "asc";
      th.dataset.direction = down ? "asc" : "desc";
      const value = (row) => {
        const text = row.cells[column] ? row.cells[column].textContent.trim() : "";
        return numeric ? parseFloat(text.replace(/[^\d.]/g, "")) || 0 : text;
      };
      const rows = Array.from(body.rows).filter((r) => r.dataset.status);
      rows.sort((a, b) => {
        const x = value(a), y = value(b);
        const order = numeric ? x - y : String(x).localeCompare(String(y), "zh-CN");
        return down ? order : -order;
      });
      rows.forEach((r) => body.appendChild(r));
    });
  });
}

document.addEventListener("DOMContentLoaded", () => {
  const drop = document.getElementById("drop");
  if (drop) setUpUpload(drop);
  const table = document.getElementById("ledger");
  if (table) setUpLedger(table);
});
