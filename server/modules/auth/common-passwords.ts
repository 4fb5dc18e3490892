// Common passwords refused by the policy (compared lower-cased). Includes the ones that pass the
// character-class rule, which is where a list matters.
const LIST = `123456 123456789 12345678 password qwerty123 1q2w3e4r 111111 123123 abc123 password1 1234567890
000000 iloveyou qwerty 1qaz2wsx admin admin123 admin@123 admin#123 root123 test123 test@123 p@ssw0rd p@ssword
passw0rd password123 password@123 password1! pass@123 pass@word1 abc@123 abc12345 abcd1234 abcd@1234 aa123456
aa123456! a1234567 a123456789 qwer1234 qwer@1234 qwe123!@# zxcv1234 zxc123456 1q2w3e4r5t 1qaz@wsx 1qaz!qaz
welcome1 welcome@1 welcome123 letmein1 changeme changeme1 changeme123 hello123 hello@123 sunshine1 monkey123
dragon123 football1 baseball1 master123 superman1 woaini1314 woaini520 5201314a a5201314 huawei@123 huawei123
china123 china@123 beijing123 beijing@2008 zhongguo123 dangjian123 dangjian@123 hongyun123 user@123 user1234
system@123 system123 sysadmin1 administrator1 security1 audit@123 root@123 oracle123 mysql@123 postgres1
p@55w0rd p@$$w0rd q1w2e3r4 q1w2e3r4t5 a1b2c3d4 1a2b3c4d asdf1234 asdf@1234 asd123456 zaq12wsx !qaz2wsx
qazwsx123 qaz123456 abc123456 abc@12345 a12345678 a123456! aa112233 aa@123456 admin@1234 admin12345 p@ssw0rd1`;

/** The refused passwords. */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(LIST.split(/\s+/).filter(Boolean));
