/** 简体中文：仅办公页面与登录页使用的通用文案（结构与 en.ts 相同）。 */
import type { OfficeDictionary } from "./en";

export const officeZh: OfficeDictionary = {
  app: {
    tagline: "服务质量稽核与神秘顾客",
  },
  common: {
    save: "保存修改",
    saving: "正在保存…",
    saved: "已保存。",
    cancel: "取消",
    edit: "编辑",
    creating: "正在创建…",
    loadMore: "加载更多",
    loadingMore: "正在加载…",
    none: "—",
    created: "创建时间",
    details: "详情",
    filters: "筛选",
    showing: (n: number) => `显示 ${n} 条`,
  },
  nav: {
    home: "首页",
    regions: "区域",
    branches: "门店",
    myBranch: "我的门店",
    myBranches: "我的门店",
    scorecards: "成绩单",
    actions: "整改",
    checklists: "清单",
    assignments: "走访安排",
    users: "成员",
    review: "审核",
    settings: "设置",
    payouts: "付款",
    disputes: "申诉",
    complaints: "投诉",
  },
  login: {
    title: "登录",
    intro: "登录你的 Courtesy 账户。",
    email: "邮箱",
    password: "密码",
    submit: "登录",
    submitting: "正在登录…",
    showPassword: "显示密码",
  },
};
