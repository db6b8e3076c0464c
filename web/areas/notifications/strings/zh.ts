import type { NotificationsDictionary } from "./en";

export const notificationsZh: NotificationsDictionary = {
  bell: {
    label: "通知",
    unread: (n: number) => (n === 0 ? "通知，没有未读" : `通知，${n} 条未读`),
  },
  centre: {
    title: "通知",
    subtitle: "您的报告、申诉和整改措施的最新动态。保留 90 天。",
    empty: "暂时没有通知。有需要您处理的事情时，会显示在这里。",
    markAll: "全部标为已读",
    markRead: "标为已读",
    unread: "未读",
    more: "显示更早的通知",
    allRead: "全部已读。",
  },
  kind: {
    report_published: "{{ branch }}有一份新报告已发布。",
    reportScore: "{{ branch }}有一份新报告已发布，得分 {{ score }}。",
    report_returned: "您在{{ branch }}的报告被审核员退回，并附有问题。",
    dispute_decided: "关于{{ branch }}一份报告的申诉已有裁定。",
    action_due: "{{ branch }}的整改措施今天到期：{{ title }}",
    action_overdue: "{{ branch }}的整改措施已逾期：{{ title }}（截止 {{ due }}）",
    action_returned: "{{ branch }}的整改措施被退回：{{ title }}",
    action_dueUntitled: "{{ branch }}的一项整改措施今天到期。",
    action_overdueUntitled: "{{ branch }}的一项整改措施已逾期（截止 {{ due }}）。",
    action_returnedUntitled: "{{ branch }}的一项整改措施被退回。",
    review_sla_breached: "{{ branch }}的一份报告已超过审核时限。",
    payout_paid: "您的走访酬金已支付。",
    unknown: "有新的变化。",
    someBranch: "某门店",
  },
  mail: {
    title: "邮件通知",
    local: "开发邮箱：邮件保存在本地数据库中，不会真正发出。可用 npm run mail 查看。",
    http: "邮件通过组织的邮件服务发送。",
    none: "尚未配置邮件：大家只能在应用内的铃铛下看到通知。如需发送邮件，请为此部署设置 MAIL_MODE（以及邮件 API 的地址和令牌），详见 docs/NOTIFICATIONS.md。",
    httpMissing: "邮件已设为通过邮件 API 发送，但缺少其地址或令牌：两者都设置好之前不会发送任何邮件。",
  },
};
