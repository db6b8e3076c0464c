/** 报告得分的简体中文（结果、得分及其算法、每项结果的规则）。键与同目录的 en.ts 一一对应。 */
import type { AuditScoreDictionary } from "./en";

export const auditScoreZh: AuditScoreDictionary = {
  outcomes: {
    pass: "通过",
    fail: "未通过",
    partial: "部分得分",
    na: "不适用",
    unscored: "不计分",
    missing: "未作答",
  },
  score: {
    title: "得分",
    none: "暂无得分",
    noneHint: "回答一道计分题后即可看到得分。",
    incomplete: (n: number) => `还有 ${n} 个问题未作答，得分可能还会变化。`,
    complete: "所有计分题都已作答。",
    critical: "关键项未通过：“{{ item }}”未通过，整次稽核得 0 分。",
    explain: "得分是怎样算出的",
    formula: "得分 = 100 × Σ(部分权重 × 部分得分率) ÷ Σ(部分权重)，只计入参与计分的部分。",
    sectionLine: "得 {{ earned }} / 满分 {{ possible }} · {{ percent }} · 权重 {{ weight }}",
    sectionLeftOut: "不计入：本部分暂无计分的答案。",
    sectionWeightZero: "不计入：本部分权重为 0。",
    zeroedBy: "因关键项“{{ item }}”未通过，本部分得 0 分。",
    itemWeight: "权重 {{ weight }}",
    notCounted: "不计入",
  },
  rules: {
    yes: "答“是”即通过。",
    no: "答“否”即未通过。",
    below: "{{ value }} 低于下限 {{ min }}。",
    above: "{{ value }} 高于上限 {{ max }}。",
    within: "{{ value }} 在通过范围内（{{ range }}）。",
    atLeast: "不少于 {{ min }}",
    atMost: "不超过 {{ max }}",
    scale: "({{ value }} − {{ min }}) ÷ ({{ max }} − {{ min }}) = {{ ratio }}",
    choice: "“{{ option }}”得 {{ points }} 分，满分 {{ best }} 分。",
    na: "不适用：不计入得分，也不计入满分。",
    missing: "未作答：作答前不计入。",
    unscored: "备注和佐证从不计分。",
  },
};
