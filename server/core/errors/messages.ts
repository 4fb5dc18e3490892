// Error messages by stable code, in Chinese (default) and English. Every AppError code must be here
// (a unit test checks both languages). Use {name} placeholders for params.

/** Supported UI/API languages. */
export type Lang = 'zh-CN' | 'en';

/** code → [zh-CN, en] */
export const ERROR_MESSAGES = {
  VALIDATION_FAILED: ['请求参数有误', 'The request is invalid'],
  UNKNOWN_FIELD: ['不允许的字段：{field}', 'Unknown field: {field}'],
  MALFORMED_JSON: ['请求内容不是合法的 JSON', 'The request body is not valid JSON'],
  BODY_TOO_LARGE: ['请求内容过大', 'The request body is too large'],
  UNSUPPORTED_MEDIA_TYPE: ['不支持的内容类型', 'Unsupported content type'],
  NOT_FOUND: ['未找到', 'Not found'],
  METHOD_NOT_ALLOWED: ['不支持该请求方法', 'Method not allowed'],
  UNAUTHENTICATED: ['请先登录', 'Please log in'],
  FORBIDDEN: ['无权限执行此操作', 'You are not allowed to do this'],
  CSRF_FAILED: ['请求校验失败，请刷新页面后重试', 'Request verification failed; reload the page and try again'],
  INVALID_CREDENTIALS: ['用户名或密码错误', 'Wrong username or password'],
  ACCOUNT_LOCKED: [
    '连续登录失败次数过多，账号已锁定，请 {minutes} 分钟后再试',
    'Too many failed logins; the account is locked for {minutes} minutes',
  ],
  ACCOUNT_DISABLED: ['账号已停用', 'The account is disabled'],
  RATE_LIMITED: ['请求过于频繁，请稍后再试', 'Too many requests; try again later'],
  TOTP_REQUIRED: ['请输入动态验证码', 'Enter your one-time code'],
  TOTP_INVALID: ['动态验证码错误或已使用', 'The one-time code is wrong or already used'],
  TOTP_NOT_SET_UP: ['请先生成动态验证码密钥', 'Start the authenticator setup first'],
  TOTP_ENROLMENT_REQUIRED: ['请先绑定动态验证码（双因素认证）', 'Enrol a second factor (TOTP) first'],
  PASSWORD_CHANGE_REQUIRED: ['请先修改密码', 'Change your password first'],
  PASSWORD_WRONG: ['当前密码错误', 'The current password is wrong'],
  PASSWORD_POLICY: ['新密码不符合要求', 'The new password does not meet the policy'],
  PASSWORD_TOO_SHORT: ['密码至少 {min} 位', 'At least {min} characters'],
  PASSWORD_CLASSES: [
    '密码须包含大写字母、小写字母、数字、符号中的至少 3 类',
    'Use at least 3 of: upper case, lower case, digits, symbols',
  ],
  PASSWORD_COMMON: ['密码过于常见', 'This password is too common'],
  PASSWORD_CONTAINS_USERNAME: ['密码不能包含用户名', 'The password must not contain the username'],
  PASSWORD_REUSED: ['新密码不能与当前密码相同', 'The new password must differ from the current one'],
  ROLE_CONFLICT: [
    '系统管理员、安全管理员、审计管理员三员分立，不能由同一账号兼任',
    'System, security and audit administrator roles cannot be held by one account',
  ],
  CONFLICT: ['数据冲突：{what}', 'Conflict: {what}'],
  USERNAME_TAKEN: ['用户名已存在', 'The username is taken'],
  ORG_OUT_OF_SCOPE: ['组织不在您的管理范围内', 'The organization is outside your scope'],
  EXPORT_TOO_LARGE: ['导出行数超过上限 {max}，请缩小范围', 'More than {max} rows; narrow the filter'],
  SIGNATURE_INVALID: ['请求签名无效', 'The request signature is invalid'],
  SIGNATURE_EXPIRED: ['请求时间戳超出允许范围', 'The request timestamp is outside the allowed window'],
  REPLAYED: ['重复的请求（nonce 已使用）', 'Replayed request (nonce already used)'],
  INTERNAL: ['服务器内部错误，请稍后再试', 'Internal error; try again later'],
} as const satisfies Record<string, readonly [string, string]>;

/** Every stable error code. */
export type ErrorCode = keyof typeof ERROR_MESSAGES;

/** Renders the message of a code in a language, filling {params}. */
export function errorMessage(code: ErrorCode, lang: Lang, params: Record<string, unknown> = {}): string {
  const pair = ERROR_MESSAGES[code] ?? ERROR_MESSAGES.INTERNAL;
  const text = lang === 'en' ? pair[1] : pair[0];
  return text.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}

/** Picks the language from the hy_lang cookie or Accept-Language; Chinese by default. */
export function pickLang(cookieLang: string | undefined, acceptLanguage: string | undefined): Lang {
  if (cookieLang === 'en' || cookieLang === 'zh-CN') return cookieLang;
  if (acceptLanguage && /^en\b/i.test(acceptLanguage.trim())) return 'en';
  return 'zh-CN';
}

/** Field-level messages by zod issue code, [zh-CN, en]. */
export const FIELD_MESSAGES: Record<string, readonly [string, string]> = {
  required: ['必填', 'Required'],
  invalid_type: ['类型不正确，应为 {expected}', 'Wrong type; expected {expected}'],
  too_small: ['过短或过小（最小 {minimum}）', 'Too short or too small (minimum {minimum})'],
  too_big: ['过长或过大（最大 {maximum}）', 'Too long or too large (maximum {maximum})'],
  invalid_format: ['格式不正确（{format}）', 'Wrong format ({format})'],
  invalid_value: ['取值不在允许范围内', 'Not one of the allowed values'],
  unrecognized_keys: ['不允许的字段', 'Unknown field'],
  not_multiple_of: ['数值不符合要求', 'Invalid number'],
  invalid_union: ['取值不正确', 'Invalid value'],
  custom: ['取值不正确', 'Invalid value'],
};

/** Renders a field message. */
export function fieldMessage(code: string, lang: Lang, params: Record<string, unknown> = {}): string {
  // Field problems raised by services carry error codes (PASSWORD_TOO_SHORT, …): use their message.
  const pair = FIELD_MESSAGES[code] ?? (ERROR_MESSAGES as Record<string, readonly [string, string]>)[code] ?? FIELD_MESSAGES.custom;
  const text = lang === 'en' ? pair[1] : pair[0];
  return text.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}
