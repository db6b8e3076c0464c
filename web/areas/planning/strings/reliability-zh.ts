/** 可靠度页面（总部的列表、暗访员自己的页面）的简体中文，与 reliability-en.ts 结构一致。 */
import type { ReliabilityDictionary } from "./reliability-en";

export const reliabilityZh: ReliabilityDictionary = {
  table: {
    title: "暗访员可靠度",
    subtitle: "审核、申诉和质量检查在每位暗访员近 12 个月报告中发现的问题。展开一行即可查看评分的构成。",
    shopper: "暗访员",
    rating: "评分",
    reports: "报告数",
    sort: "排序",
    sortRating: "评分从低到高",
    sortRatingDesc: "评分从高到低",
    sortName: "姓名",
    sortReports: "报告数从多到少",
    empty: "本机构还没有暗访员。",
    show: "{{ name }} 的评分由来",
    inactive: "已停用",
    ratedAt: "于 {{ at }} 根据近 {{ days }} 天的报告计算。",
  },
  rating: {
    none: "暂无评分",
    noneHint: "近 12 个月没有报告。",
    provisional: "暂定",
    provisionalHint: "报告少于 5 份：仅供参考，不会因此被排除在轮次之外。",
    start: "满分 100 分，按各类问题扣分：",
    clean: "没有任何扣分。",
    weight: "权重 {{ weight }}",
  },
  lines: {
    returned: "{{ of }} 份报告中有 {{ count }} 份被审核退回",
    edited: "{{ of }} 个答案中有 {{ count }} 个被审核员修改",
    overturned: "{{ of }} 份报告中有 {{ count }} 份的申诉项被改判",
    flagged: "{{ of }} 份报告中有 {{ count }} 份被质量检查标记",
    late: "{{ of }} 份报告中有 {{ count }} 份在时间窗口之后提交",
    calibration: "校准中与共识的平均差异为 {{ percent }}",
  },
  me: {
    title: "我的可靠度",
    subtitle: "审核、申诉和质量检查在你近 12 个月报告中发现的问题。",
    nothing: "近 12 个月还没有报告：提交第一份报告后开始计算评分。",
    provisional: "提交满 5 份报告前评分为暂定：在此之前不会因此被排除在轮次之外。",
    back: "账户",
  },
};
