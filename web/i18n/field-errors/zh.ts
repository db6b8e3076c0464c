/** 字段错误的简体中文措辞（按接口错误代码和所在字段）。键与同目录的 en.ts 一一对应。 */
import type { FieldErrorsDictionary } from "./en";

export const fieldErrorsZh: FieldErrorsDictionary = {
  required: "此项为必填项。",
  tooShort: "至少需要 {{ limit }} 个字符。",
  tooLong: "最多 {{ limit }} 个字符。",
  tooMany: "最多选择 {{ limit }} 项。",
  invalid_format: "格式不正确。",
  invalid_value: "请选择或填写有效的值。",
  invalid_type: "此值无效。",
  unknown_field: "此处不接受该字段。",
  taken: "已被占用。",
  unknown_reference: "所选项已不存在，请重新选择。",
  not_allowed: "不能对自己的账户执行此操作。",
  other: "此值无效。",
  emailFormat: "请输入有效的邮箱地址，例如 name@example.com。",
  codeFormat: "只能使用字母、数字、- 和 _，并以字母或数字开头。",
  phoneFormat: "只能使用数字、空格、+、( ) 和 -。",
  timezoneValue: "请输入时区，例如 Asia/Shanghai。",
  codeTaken: "此编号已被使用。",
  emailTaken: "此人已是组织成员。",
  chooseRegion: "请至少选择一个区域。",
  chooseBranch: "请至少选择一家门店。",
  scopeNotForRole: "该角色不使用此类范围。",
  passwordWrong: "密码与现有密码不符。",
  invalid_characters: "请删除不可见的控制字符（常随复制的文字一起带入）。",
};
