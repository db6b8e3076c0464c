/** 购物者已完成工作的中文：列表中的“更早的访问”和已发送的报告（结构与 en.ts 相同）。 */
import type { FinishedDictionary } from "./en";

export const finishedZh: FinishedDictionary = {
  more: "显示更早的访问",
  loading: "正在加载…",
  moreFailed: "无法加载更早的访问。请检查网络后重试。",
  report: {
    title: "您的报告",
    back: "访问",
    loading: "正在加载您的报告…",
    offline: "有网络时才能查看报告：本机只保存尚未完成的访问。",
    failed: "无法加载您的报告，请稍后再试。",
    scoreLater: "总部发布报告后，得分会显示在这里。",
  },
};
