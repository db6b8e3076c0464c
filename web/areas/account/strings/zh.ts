/** 账户页面（通过邀请加入、个人资料）的简体中文文字，结构与 en.ts 相同。 */
import type { AccountDictionary } from "./en";

export const accountZh: AccountDictionary = {
  account: {
    title: "个人资料",
    reliabilityTitle: "你的可靠度",
    reliabilityIntro: "你近 12 个月的评分，以及审核和质量检查发现的问题。",
    reliabilityLink: "查看我的可靠度",
    nameTitle: "你的名字",
    nameIntro: "你所属的组织会看到这个名字，除非某个组织为你另设了名称。",
    nameSaved: "名字已保存。",
    passwordTitle: "密码",
    passwordIntro: "修改密码后，你在其他设备上的登录将全部退出。",
    newPassword: "新密码",
    changePassword: "修改密码",
    passwordSaved: "密码已修改，其他设备已退出登录。",
  },
  invite: {
    title: "加入{{ org }}",
    intro: "你以 {{ email }} 的身份受邀。",
    modeLegend: "你想如何加入？",
    modeNew: "我是 Courtesy 新用户",
    modeExisting: "我已用这个邮箱使用 Courtesy",
    newIntro: "请填写显示名称并设置密码。",
    accountExists: "这个邮箱已有 Courtesy 账户。请输入该账户的密码加入。",
    existingIntro: "请输入你现有的密码确认。你的名字和语言保持不变。",
    displayName: "你的名字",
    password: "设置密码",
    passwordHint: "至少 10 个字符。",
    currentPassword: "现有的 Courtesy 密码",
    submit: "加入并登录",
    submitting: "正在加入…",
    expires: "此链接在 {{ date }} 前有效。",
    invalidTitle: "此链接无法使用",
    invalidBody: "此邀请链接已过期或已被使用。请联系管理员重新发送。",
    goToLogin: "前往登录",
  },
};
