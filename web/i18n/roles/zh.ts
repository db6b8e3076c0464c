import type { RolesDictionary } from "./en";

export const rolesZh: RolesDictionary = {
  admin: "管理员",
  analyst: "分析师",
  regional_manager: "区域经理",
  branch_manager: "店长",
  reviewer: "审核员",
  shopper: "神秘顾客",
};
