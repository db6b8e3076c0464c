/** 简体中文。键与 en.ts 一一对应。 */
import type { Dictionary } from "./en";

export const zh: Dictionary = {
  app: {
    name: "Courtesy",
    skipToContent: "跳到主要内容",
    title: (page: string) => `${page} · Courtesy`,
  },
  common: {
    loading: "加载中…",
    retry: "重试",
    optional: "（选填）",
  },
  nav: {
    label: "主导航",
    visits: "访问",
    outbox: "发件箱",
    calibrations: "校准",
    unsent: (n: number) => `${n} 份报告未发送`,
  },
  channels: {
    store: "门店",
    call_centre: "呼叫中心",
  },
  profile: {
    open: "账户菜单",
  },
  login: {
    invalid: "邮箱或密码不正确。",
    tooMany: (wait: string) => `失败次数过多，请 ${wait}后再试。`,
  },
  wait: {
    seconds: (n: number) => `${n} 秒`,
    minutes: (n: number) => `${n} 分钟`,
  },
  problems: {
    fixFields: "部分内容需要修改。",
    network: "无法连接到 Courtesy，请检查网络后重试。",
    unauthenticated: "请先登录。",
    forbidden: "你的角色无权执行此操作。",
    not_found: "找不到该内容。它可能不存在，或不在你的查看范围内。",
    conflict: "与现有数据冲突。",
    invitation_invalid: "此邀请链接已过期或已被使用。",
    too_many_attempts: "尝试次数过多，请稍后再试。",
    internal: "服务器出了点问题，请稍后再试。",
    other: "出错了，请重试。",
    reference: (id: string) => `参考编号：${id}`,
  },
  states: {
    notFoundTitle: "页面不存在",
    goHome: "返回首页",
    errorTitle: "无法加载",
    noAccessTitle: "无法访问",
  },
};
