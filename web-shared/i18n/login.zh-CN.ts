/** The login page's messages (zh-CN), shared by the console and the rider app. */
export default {
  title: '登录冷链调度台', username: '用户名', password: '密码', submit: '登录', working: '正在登录…',
  required: '请输入用户名和密码。',
  invalid: '用户名或密码不正确。请检查后重试；连续失败 5 次账号会被锁定 15 分钟。',
  locked: '尝试次数过多，账号已被锁定。请等待 15 分钟，或联系管理员解锁。',
  rateLimited: '此处或此账号登录失败次数过多。请等待几分钟后再试。',
  network: '无法连接服务器。请检查网络后重试。',
  failed: '登录失败（{code}）：{message}',
  sessionOver: '登录已过期，请重新登录。',
  noConsole: '骑手账号请使用骑手 App 登录；本控制台供调度、质量、药店和管理员使用。',
};
