/** 购物者复核页上访问时间规则的中文说明（结构与 en.ts 相同）。 */
import type { ReviewDictionary, VisitTimesDictionary } from "./en";

export const visitTimesZh: VisitTimesDictionary = {
  outsideWindow:
    "访问须在 {{ start }} 至 {{ end }}（门店当地日期）之间开始。如果你确实在此期间到访，请更正开始时间；不在此期间的访问无法提交。",
  inFuture: "访问时间不能晚于现在，请检查时间。",
  tooLong: "一次访问最长 12 小时，请检查结束时间。",
};

export const reviewZh: ReviewDictionary = {
  title: "检查并发送",
  back: "返回表单",
  problemsTitle: (n: number) => `发送前需处理 ${n} 项`,
  score: "得分",
  visit: "访问",
  call: "通话",
  started: "开始时间",
  ended: "结束时间",
  now: "现在",
  nowFor: "将“{{ field }}”设为现在",
  location: "位置：",
  locationNone: "未记录",
  locationTaken: "已于 {{ time }} 记录，精度约 {{ metres }} 米",
  staff: "为您服务的员工",
  staffHint: "工牌、职位、外貌特征：足以让门店知道是谁即可。",
  staffCall: "接听您电话的客服",
  staffHintCall: "对方报出的姓名、所属小组或工号、声音特点：足以让客服中心知道是谁即可。",
  overall: "总体评价",
  overallHint: "问题中没有涉及的任何情况。",
  answers: "您的回答",
  change: "修改",
  changeQuestion: "修改问题 {{ number }}",
  noAnswer: "未回答",
  na: "不适用",
  photos: (n: number) => `${n} 张照片`,
  fixFirst: (n: number) => `请先处理上面的 ${n} 项再发送。`,
  submit: "发送报告",
  submitting: "正在发送…",
  storageFailed: "无法将报告移入发件箱。内容没有丢失，请重试。",
  sentTitle: "已发送",
  sentBody: "服务器已收到您的报告，谢谢！",
  waitingTitle: "等待网络",
  waitingBody: "报告已安全保存在本机，有网络时会自动发送。",
  failedTitle: "未发送",
  failedBody: "报告仍在发件箱中，您可以在那里重试。",
  backToVisits: "返回我的访问",
  openOutbox: "打开发件箱",
};
