/** 发件箱页面的中文（结构与 en.ts 相同），随该页面加载。 */
import type { OutboxDictionary } from "./en";

export const outboxZh: OutboxDictionary = {
  title: "发件箱",
  intro: "报告和照片会留在这里，直到服务器收到为止。",
  online: "在线：报告准备好后会立即发送。",
  offline: "离线：所有内容都保存在这里，网络恢复后自动发送。",
  pending: "等待发送",
  nothingPending: "没有待发送的内容：服务器已收到所有报告。",
  sendNow: "立即发送",
  sending: "正在发送…",
  retry: "重试",
  report: "报告",
  queuedAt: "{{ time }} 提交",
  sentAt: "{{ time }} 发送",
  attempts: (n: number) => `已尝试 ${n} 次`,
  score: "得分 {{ score }}",
  photos: "照片",
  photo: "照片 {{ number }}",
  drafts: "已开始、未提交",
  draftsHint: "已保存在本机。请在访问页面中完成并发送。",
  draftStarted: "{{ time }} 开始",
  continue: "继续",
  sent: "已发送",
};
