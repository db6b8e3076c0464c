/** 购物者端审核的中文：被退回并附有审核员问题的报告、待发送的回答、已发送报告的审核状态（结构与 en.ts 相同）。 */
import type { ReturnedDictionary } from "./en";

export const returnedZh: ReturnedDictionary = {
  title: "退回给您的报告",
  intro: "总部对这些报告有疑问。回答后，报告将重新进入审核。",
  status: {
    waiting: "等待审核",
    claimed: "审核中",
    returned: "已退回给您",
    published: "已发布",
    rejected: "已拒绝",
    voided: "已作废",
  },
  late: "逾期访问",
  rejectedBecause: "已拒绝：{{ reason }}",
  about: "关于：{{ item }}",
  general: "关于整份报告",
  answer: "您的回答",
  yourReply: "您的回答：{{ text }}",
  send: "发送回答",
  required: "请回答每一个问题。",
  reply: {
    waiting: "回答已保存在本机，有网络时自动发送",
    sending: "正在发送回答…",
    failed: "回答未能发送：{{ reason }}",
    sent: "回答已发送",
  },
  retry: "重试",
  loading: "正在加载问题…",
  offline: "有网络时才能查看问题。",
  failed: "无法加载问题，请稍后重试。",
};
