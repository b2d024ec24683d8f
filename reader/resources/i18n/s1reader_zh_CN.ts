<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>AboutDialog</name>
    <message>
      <location filename="../../reader/ui/aboutdialog.py" line="14" />
      <source>About s1reader</source>
      <translation>关于 s1reader</translation>
    </message>
    <message>
      <location filename="../../reader/ui/aboutdialog.py" line="18" />
      <source>An offline reader for Stage1st (S1) forum thread archives.</source>
      <translation>Stage1st（S1）论坛备份帖的离线阅读器。</translation>
    </message>
    <message>
      <location filename="../../reader/ui/aboutdialog.py" line="22" />
      <source>Qt %1 · PySide6 %2</source>
      <translation>Qt %1 · PySide6 %2</translation>
    </message>
    <message>
      <source>Library schema version %1</source>
      <translation>帖子库结构版本 %1</translation>
    </message>
    <message>
      <source>Library (data)</source>
      <translation>帖子库（数据）</translation>
    </message>
    <message>
      <source>Cache (pictures, forum answers)</source>
      <translation>缓存（图片、论坛应答）</translation>
    </message>
    <message>
      <source>Settings (config)</source>
      <translation>设置（配置）</translation>
    </message>
    <message>
      <source>Open</source>
      <translation>打开</translation>
    </message>
    <message>
      <source>Open this folder in the file manager</source>
      <translation>在文件管理器中打开这个文件夹</translation>
    </message>
  </context>
  <context>
    <name>Actions</name>
    <message>
      <source>&amp;Copy</source>
      <translation>复制(&amp;C)</translation>
    </message>
    <message>
      <source>Copy the whole &amp;post</source>
      <translation>复制整个楼层(&amp;P)</translation>
    </message>
    <message>
      <location filename="../../reader/ui/actions.py" line="27" />
      <source>&amp;File</source>
      <translation>文件(&amp;F)</translation>
    </message>
    <message>
      <location filename="../../reader/ui/actions.py" line="28" />
      <source>&amp;View</source>
      <translation>查看(&amp;V)</translation>
    </message>
    <message>
      <location filename="../../reader/ui/actions.py" line="29" />
      <source>&amp;Help</source>
      <translation>帮助(&amp;H)</translation>
    </message>
    <message>
      <location filename="../../reader/ui/actions.py" line="33" />
      <source>Import &amp;files…</source>
      <translation>导入文件(&amp;F)…</translation>
    </message>
    <message>
      <location filename="../../reader/ui/actions.py" line="35" />
      <source>Import f&amp;older…</source>
      <translation>导入文件夹(&amp;O)…</translation>
    </message>
    <message>
      <location filename="../../reader/ui/actions.py" line="37" />
      <source>&amp;Settings…</source>
      <translation>设置(&amp;S)…</translation>
    </message>
    <message>
      <location filename="../../reader/ui/actions.py" line="39" />
      <source>&amp;Quit</source>
      <translation>退出(&amp;Q)</translation>
    </message>
    <message>
      <location filename="../../reader/ui/actions.py" line="41" />
      <source>&amp;Go to floor…</source>
      <translation>跳到楼层(&amp;G)…</translation>
    </message>
    <message>
      <location filename="../../reader/ui/actions.py" line="43" />
      <source>&amp;Copy post text</source>
      <translation>复制帖子文本(&amp;C)</translation>
    </message>
    <message>
      <location filename="../../reader/ui/actions.py" line="45" />
      <source>Open post as &amp;text</source>
      <translation>以文本打开帖子(&amp;T)</translation>
    </message>
    <message>
      <location filename="../../reader/ui/actions.py" line="47" />
      <source>&amp;Filter library</source>
      <translation>筛选帖子列表(&amp;F)</translation>
    </message>
    <message>
      <location filename="../../reader/ui/actions.py" line="49" />
      <source>Zoom &amp;in</source>
      <translation>放大(&amp;I)</translation>
    </message>
    <message>
      <location filename="../../reader/ui/actions.py" line="51" />
      <source>Zoom &amp;out</source>
      <translation>缩小(&amp;O)</translation>
    </message>
    <message>
      <location filename="../../reader/ui/actions.py" line="53" />
      <source>&amp;Reset zoom</source>
      <translation>重置缩放(&amp;R)</translation>
    </message>
    <message>
      <location filename="../../reader/ui/actions.py" line="55" />
      <source>F&amp;ull screen</source>
      <translation>全屏(&amp;U)</translation>
    </message>
    <message>
      <location filename="../../reader/ui/actions.py" line="57" />
      <source>&amp;About s1reader</source>
      <translation>关于 s1reader(&amp;A)</translation>
    </message>
    <message>
      <source>&amp;Back</source>
      <translation>后退(&amp;B)</translation>
    </message>
    <message>
      <source>&amp;Forward</source>
      <translation>前进(&amp;F)</translation>
    </message>
    <message>
      <source>&amp;Find in thread…</source>
      <translation>帖内查找(&amp;F)…</translation>
    </message>
    <message>
      <source>Find &amp;next</source>
      <translation>查找下一个(&amp;N)</translation>
    </message>
    <message>
      <source>Find pre&amp;vious</source>
      <translation>查找上一个(&amp;V)</translation>
    </message>
    <message>
      <source>Only the thread &amp;starter</source>
      <translation>只看楼主(&amp;S)</translation>
    </message>
    <message>
      <source>&amp;Authors</source>
      <translation>作者(&amp;A)</translation>
    </message>
    <message>
      <source>Fold/unfold &amp;quotes of this post</source>
      <translation>折叠/展开本楼引用(&amp;Q)</translation>
    </message>
    <message>
      <source>&amp;Expand all quotes</source>
      <translation>展开全部引用(&amp;E)</translation>
    </message>
    <message>
      <source>Fold all &amp;quotes</source>
      <translation>折叠全部引用(&amp;Q)</translation>
    </message>
    <message>
      <source>&amp;Conversation of this post…</source>
      <translation>查看对话(&amp;C)…</translation>
    </message>
    <message>
      <source>Blocked users, highlights and &amp;rules…</source>
      <translation>屏蔽、高亮与规则(&amp;R)…</translation>
    </message>
    <message>
      <location filename="../../reader/ui/actions.py" line="30" />
      <source>&amp;Thread</source>
      <translation>帖子(&amp;T)</translation>
    </message>
    <message>
      <location filename="../../reader/ui/actions.py" line="39" />
      <source>Save thread from &amp;link…</source>
      <translation>从链接保存帖子(&amp;L)…</translation>
    </message>
    <message>
      <location filename="../../reader/ui/actions.py" line="41" />
      <source>&amp;Export thread…</source>
      <translation>导出帖子(&amp;E)…</translation>
    </message>
    <message>
      <location filename="../../reader/ui/actions.py" line="43" />
      <source>Export &amp;user data…</source>
      <translation>导出用户数据(&amp;U)…</translation>
    </message>
    <message>
      <location filename="../../reader/ui/actions.py" line="45" />
      <source>Import user &amp;data…</source>
      <translation>导入用户数据(&amp;D)…</translation>
    </message>
    <message>
      <location filename="../../reader/ui/actions.py" line="67" />
      <source>&amp;Search all threads…</source>
      <translation>全局搜索(&amp;S)…</translation>
    </message>
    <message>
      <location filename="../../reader/ui/actions.py" line="69" />
      <source>&amp;Bookmarks</source>
      <translation>书签(&amp;B)</translation>
    </message>
    <message>
      <location filename="../../reader/ui/actions.py" line="71" />
      <source>&amp;History</source>
      <translation>历史(&amp;H)</translation>
    </message>
    <message>
      <location filename="../../reader/ui/actions.py" line="73" />
      <source>&amp;Offline mode</source>
      <translation>离线模式(&amp;O)</translation>
    </message>
    <message>
      <location filename="../../reader/ui/actions.py" line="75" />
      <source>&amp;Bookmark this post…</source>
      <translation>收藏此楼(&amp;B)…</translation>
    </message>
    <message>
      <location filename="../../reader/ui/actions.py" line="77" />
      <source>Refres&amp;h from the forum</source>
      <translation>从论坛刷新(&amp;H)</translation>
    </message>
    <message>
      <location filename="../../reader/ui/actions.py" line="79" />
      <source>Refresh &amp;all followed threads</source>
      <translation>刷新所有关注的帖子(&amp;A)</translation>
    </message>
    <message>
      <location filename="../../reader/ui/actions.py" line="81" />
      <source>&amp;Download images of this thread</source>
      <translation>下载本帖图片(&amp;D)</translation>
    </message>
    <message>
      <source>&amp;Animate smileys</source>
      <translation>动态表情(&amp;A)</translation>
    </message>
    <message>
      <source>&amp;Keyboard shortcuts</source>
      <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
      <source>D&amp;igest</source>
      <translation>摘要(&amp;I)</translation>
    </message>
    <message>
      <source>&amp;Gallery</source>
      <translation>图集(&amp;G)</translation>
    </message>
    <message>
      <source>Log &amp;in to the forum…</source>
      <translation>登录论坛(&amp;I)…</translation>
    </message>
    <message>
      <source>Log ou&amp;t of the forum</source>
      <translation>退出论坛登录(&amp;T)</translation>
    </message>
      <message>
      <source>&amp;Library</source>
      <translation>帖子库(&amp;L)</translation>
    </message>
    <message>
      <source>&amp;Update</source>
      <translation>更新(&amp;U)</translation>
    </message>
    <message>
      <source>&amp;New replies (新回复)</source>
      <translation>新回复(&amp;N)</translation>
    </message>
    <message>
      <source>Update when the archive &amp;folders change</source>
      <translation>备份文件夹有变化时自动更新(&amp;F)</translation>
    </message>
    <message>
      <source>Export &amp;pictures…</source>
      <translation>导出图片(&amp;P)…</translation>
    </message>
    <message>
      <source>Import pi&amp;ctures…</source>
      <translation>导入图片(&amp;C)…</translation>
    </message>
    <message>
      <source>Download all s&amp;mileys</source>
      <translation>下载全部表情(&amp;M)</translation>
    </message>
  </context>
  <context>
    <name>ImageSource</name>
    <message>
      <location filename="../../reader/ui/imagesource.py" line="84" />
      <source>Image not cached</source>
      <translation>图片未缓存</translation>
    </message>
    <message>
      <location filename="../../reader/ui/imagesource.py" line="263" />
      <source>Loading image…</source>
      <translation>正在加载图片…</translation>
    </message>
    <message>
      <location filename="../../reader/ui/imagesource.py" line="265" />
      <source>Image no longer online</source>
      <translation>图片已失效</translation>
    </message>
    <message>
      <location filename="../../reader/ui/imagesource.py" line="267" />
      <source>Image cannot be shown</source>
      <translation>图片无法显示</translation>
    </message>
  </context>
  <context>
    <name>ImportBanner</name>
    <message>
      <location filename="../../reader/ui/mainwindow.py" line="56" />
      <source>This is a demo thread. Import your archive files (.md) to read your own threads — or drop them onto this window.</source>
      <translation>这是演示帖。导入你的存档文件（.md）来阅读自己的帖子——也可以直接把文件拖到窗口里。</translation>
    </message>
    <message>
      <location filename="../../reader/ui/mainwindow.py" line="59" />
      <source>Import…</source>
      <translation>导入…</translation>
    </message>
    <message>
      <source>Import a folder…</source>
      <translation>导入文件夹…</translation>
    </message>
    <message>
      <source>Read the demo thread</source>
      <translation>阅读演示帖</translation>
    </message>
    <message>
      <source>Where do archives come from?</source>
      <translation>存档从哪里来？</translation>
    </message>
    <message>
      <source>Welcome to s1reader</source>
      <translation>欢迎使用 s1reader</translation>
    </message>
    <message>
      <source>s1reader reads threads of the Stage1st forum saved as text files. The public archives are the GitHub repositories %1 and %2 (one per year: S1PlainTextArchive2021, 2022, 2023…).</source>
      <translation>s1reader 用来阅读保存成文本文件的 Stage1st 论坛帖子。公开的存档是 GitHub 上的 %1 和 %2 仓库（每年一个：S1PlainTextArchive2021、2022、2023……）。</translation>
    </message>
    <message>
      <source>Download one as a zip (on GitHub: Code → Download ZIP) and unpack it, or clone it with git (%1). Then import the whole folder: boards, threads and their parts are recognised from the folder and file names; importing again later adds only what changed.</source>
      <translation>在 GitHub 页面上用 Code → Download ZIP 下载 zip 并解压，或者用 git 克隆（%1）。然后导入整个文件夹：版块、帖子和分卷会从文件夹名和文件名识别出来；以后再次导入只会加入有变化的部分。</translation>
    </message>
    <message>
      <source>A thread file (.md or .txt) looks like this:</source>
      <translation>帖子文件（.md 或 .txt）是这样的：</translation>
    </message>
    <message>
      <source>Drop files or folders anywhere on this window to import them, or use File → Import files/folder. Below is a demo thread that shows everything a file can contain.</source>
      <translation>把文件或文件夹拖到窗口的任意位置即可导入，也可以用 文件 → 导入文件/文件夹。下面的演示帖展示了存档文件里可能出现的所有内容。</translation>
    </message>
  </context>
  <context>
    <name>BookmarkDialog</name>
    <message>
      <location filename="../../reader/ui/bookmarkdialog.py" line="40" />
      <source>Edit bookmark</source>
      <translation>编辑书签</translation>
    </message>
    <message>
      <location filename="../../reader/ui/bookmarkdialog.py" line="40" />
      <source>Bookmark post</source>
      <translation>收藏此楼</translation>
    </message>
    <message>
      <location filename="../../reader/ui/bookmarkdialog.py" line="46" />
      <source>Optional note</source>
      <translation>备注（可选）</translation>
    </message>
    <message>
      <location filename="../../reader/ui/bookmarkdialog.py" line="50" />
      <source>Tags, separated by commas</source>
      <translation>标签，用逗号分隔</translation>
    </message>
    <message>
      <location filename="../../reader/ui/bookmarkdialog.py" line="57" />
      <source>Note:</source>
      <translation>备注：</translation>
    </message>
    <message>
      <location filename="../../reader/ui/bookmarkdialog.py" line="58" />
      <source>Tags:</source>
      <translation>标签：</translation>
    </message>
    <message>
      <location filename="../../reader/ui/bookmarkdialog.py" line="64" />
      <source>Remove bookmark</source>
      <translation>删除书签</translation>
    </message>
    <message>
      <location filename="../../reader/ui/bookmarkdialog.py" line="65" />
      <source>Save</source>
      <translation>保存</translation>
    </message>
    <message>
      <location filename="../../reader/ui/bookmarkdialog.py" line="65" />
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
  </context>
  <context>
    <name>BookmarksPanel</name>
    <message>
      <location filename="../../reader/ui/bookmarkpanel.py" line="76" />
      <source>Filter bookmarks</source>
      <translation>筛选书签</translation>
    </message>
    <message>
      <location filename="../../reader/ui/bookmarkpanel.py" line="79" />
      <source>Show only bookmarks with this tag</source>
      <translation>只显示带此标签的书签</translation>
    </message>
    <message>
      <location filename="../../reader/ui/bookmarkpanel.py" line="81" />
      <source>Date added</source>
      <translation>添加时间</translation>
    </message>
    <message>
      <location filename="../../reader/ui/bookmarkpanel.py" line="82" />
      <source>Thread</source>
      <translation>按帖子</translation>
    </message>
    <message>
      <location filename="../../reader/ui/bookmarkpanel.py" line="83" />
      <source>Sort order</source>
      <translation>排序方式</translation>
    </message>
    <message>
      <location filename="../../reader/ui/bookmarkpanel.py" line="90" />
      <source>No bookmarks yet. Press Ctrl+D on a post to add one.</source>
      <translation>还没有书签。在帖子上按 Ctrl+D 即可收藏。</translation>
    </message>
    <message>
      <location filename="../../reader/ui/bookmarkpanel.py" line="94" />
      <source>Edit…</source>
      <translation>编辑…</translation>
    </message>
    <message>
      <location filename="../../reader/ui/bookmarkpanel.py" line="95" />
      <source>Remove</source>
      <translation>删除</translation>
    </message>
    <message>
      <location filename="../../reader/ui/bookmarkpanel.py" line="155" />
      <source>No bookmark matches the filter.</source>
      <translation>没有符合筛选条件的书签。</translation>
    </message>
    <message>
      <location filename="../../reader/ui/bookmarkpanel.py" line="161" />
      <source>Thread %1</source>
      <translation>帖子 %1</translation>
    </message>
    <message>
      <location filename="../../reader/ui/bookmarkpanel.py" line="164" />
      <source>Not in the local archive</source>
      <translation>不在本地存档</translation>
    </message>
    <message>
      <location filename="../../reader/ui/bookmarkpanel.py" line="188" />
      <source>All tags</source>
      <translation>全部标签</translation>
    </message>
    <message>
      <location filename="../../reader/ui/bookmarkpanel.py" line="235" />
      <source>Removed the bookmark of #%1 in %2.</source>
      <translation>已删除《%2》#%1 的书签。</translation>
    </message>
    <message>
      <location filename="../../reader/ui/bookmarkpanel.py" line="246" />
      <source>Bookmark restored.</source>
      <translation>书签已恢复。</translation>
    </message>
  </context>
  <context>
    <name>ImportErrorsDialog</name>
    <message>
      <location filename="../../reader/ui/importerrors.py" line="23" />
      <source>Import problems</source>
      <translation>导入问题</translation>
    </message>
    <message>
      <location filename="../../reader/ui/importerrors.py" line="26" />
      <source>%1 files could not be imported (%2 imported or unchanged).</source>
      <translation>%1 个文件无法导入（%2 个已导入或未变化）。</translation>
    </message>
    <message>
      <location filename="../../reader/ui/importerrors.py" line="29" />
      <source>File</source>
      <translation>文件</translation>
    </message>
    <message>
      <location filename="../../reader/ui/importerrors.py" line="29" />
      <source>Line</source>
      <translation>行</translation>
    </message>
    <message>
      <location filename="../../reader/ui/importerrors.py" line="29" />
      <source>Problem</source>
      <translation>问题</translation>
    </message>
    <message numerus="yes">
      <source>%n files hold a thread differently from the copy kept, and nothing tells which is newer (the same floors, the same last post, no later edit note). Select a file and choose “Use these files' versions” to keep its version instead.</source>
      <translation>
        <numerusform>%n 个文件中的帖子与保留的副本不同，且无法判断哪个更新（楼层相同、最后回复相同、没有更晚的编辑记录）。选中文件并点击“使用这些文件的版本”即可改用它的版本。</numerusform>
      </translation>
    </message>
    <message>
      <source>Use these files' versions</source>
      <translation>使用这些文件的版本</translation>
    </message>
    <message numerus="yes">
      <source>floors %1</source>
      <translation>
        <numerusform>%1 楼</numerusform>
      </translation>
    </message>
    <message>
      <source>the title</source>
      <translation>标题</translation>
    </message>
    <message>
      <source>the board</source>
      <translation>版块</translation>
    </message>
    <message>
      <source>the library (stored before files were recorded)</source>
      <translation>资料库（记录来源文件之前存入）</translation>
    </message>
    <message>
      <source>Thread %1: %2 read differently in the copy kept, %3, and nothing tells which is newer.</source>
      <translation>帖子 %1：%2 与保留的副本（%3）不同，且无法判断哪个更新。</translation>
    </message>
    <message>
      <source>%1 posts of imported files were skipped or shown flat (the rest of those files was imported).</source>
      <translation>已导入文件中有 %1 个帖子被跳过或被展平显示（这些文件的其余部分已导入）。</translation>
    </message>
  </context>
  <context>
    <name>ImportFlow</name>
    <message>
      <location filename="../../reader/ui/importflow.py" line="39" />
      <source>Importing…</source>
      <translation>正在导入…</translation>
    </message>
    <message>
      <location filename="../../reader/ui/importflow.py" line="39" />
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <location filename="../../reader/ui/importflow.py" line="40" />
      <source>Import</source>
      <translation>导入</translation>
    </message>
    <message>
      <location filename="../../reader/ui/importflow.py" line="63" />
      <source>Importing %1 of %2 files…
%3</source>
      <translation>正在导入第 %1 / %2 个文件…
%3</translation>
    </message>
    <message>
      <location filename="../../reader/ui/importflow.py" line="83" />
      <source>Import failed</source>
      <translation>导入失败</translation>
    </message>
    <message>
      <location filename="../../reader/ui/importflow.py" line="84" />
      <source>The import stopped with an error:
%1</source>
      <translation>导入因错误而中止：
%1</translation>
    </message>
    <message>
      <source>Waiting for another import into this library to finish (an s1reader import started from a terminal?)…</source>
      <translation>正在等待另一个向此帖子库的导入结束（也许是在终端里运行的 s1reader import？）…</translation>
    </message>
      <message>
      <source>Update</source>
      <translation>更新</translation>
    </message>
    <message>
      <source>Looking for changed files…</source>
      <translation>正在查找有变化的文件…</translation>
    </message>
  </context>
  <context>
    <name>ForumFlow</name>
    <message>
      <location filename="../../reader/ui/forumflow.py" line="64" />
      <source>Save thread from link</source>
      <translation>从链接保存帖子</translation>
    </message>
    <message>
      <location filename="../../reader/ui/forumflow.py" line="65" />
      <source>Paste a thread link or a thread id:</source>
      <translation>粘贴帖子链接或帖子编号（tid）：</translation>
    </message>
    <message>
      <location filename="../../reader/ui/forumflow.py" line="73" />
      <source>Not a thread link</source>
      <translation>不是帖子链接</translation>
    </message>
    <message>
      <location filename="../../reader/ui/forumflow.py" line="74" />
      <source>“%1” is neither a thread link nor a thread id.
Example: https://stage1st.com/2b/thread-2274815-1-1.html or 2274815</source>
      <translation>“%1”既不是帖子链接，也不是帖子编号。
例如：https://stage1st.com/2b/thread-2274815-1-1.html 或 2274815</translation>
    </message>
    <message>
      <location filename="../../reader/ui/forumflow.py" line="95" />
      <source>A download is already running.</source>
      <translation>已有下载在进行中。</translation>
    </message>
    <message>
      <location filename="../../reader/ui/forumflow.py" line="99" />
      <source>Refreshing threads</source>
      <translation>正在刷新帖子</translation>
    </message>
    <message>
      <location filename="../../reader/ui/forumflow.py" line="100" />
      <source>Saving thread %1</source>
      <translation>正在保存帖子 %1</translation>
    </message>
    <message>
      <location filename="../../reader/ui/forumflow.py" line="101" />
      <source>Connecting to the forum…</source>
      <translation>正在连接论坛…</translation>
    </message>
    <message>
      <location filename="../../reader/ui/forumflow.py" line="101" />
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <location filename="../../reader/ui/forumflow.py" line="110" />
      <source>Downloading from the forum…</source>
      <translation>正在从论坛下载…</translation>
    </message>
    <message>
      <location filename="../../reader/ui/forumflow.py" line="139" />
      <source>%1
Page %2 of %3 · %4 new posts</source>
      <translation>%1
第 %2 / %3 页 · 新增 %4 楼</translation>
    </message>
    <message>
      <location filename="../../reader/ui/forumflow.py" line="172" />
      <source>“%1”: %2 new posts, %3 updated.</source>
      <translation>《%1》：新增 %2 楼，更新 %3 楼。</translation>
    </message>
    <message>
      <location filename="../../reader/ui/forumflow.py" line="176" />
      <source>No followed threads to refresh. Save a thread from a link first.</source>
      <translation>没有可刷新的关注帖子。请先从链接保存帖子。</translation>
    </message>
    <message>
      <location filename="../../reader/ui/forumflow.py" line="181" />
      <source>%1 failed.</source>
      <translation>%1 个失败。</translation>
    </message>
    <message>
      <location filename="../../reader/ui/forumflow.py" line="183" />
      <source>Stopped; the pages saved so far are kept (fetch again to continue).</source>
      <translation>已停止；已保存的页面会保留（再次下载即可继续）。</translation>
    </message>
    <message>
      <location filename="../../reader/ui/forumflow.py" line="188" />
      <source>Could not download from the forum</source>
      <translation>无法从论坛下载</translation>
    </message>
    <message>
      <location filename="../../reader/ui/forumflow.py" line="201" />
      <source>Thread %1</source>
      <translation>帖子 %1</translation>
    </message>
    <message>
      <location filename="../../reader/ui/forumflow.py" line="207" />
      <source>The thread does not exist or was deleted.</source>
      <translation>帖子不存在或已被删除。</translation>
    </message>
    <message>
      <location filename="../../reader/ui/forumflow.py" line="208" />
      <source>The thread can only be read after logging in (s1reader reads as a guest).</source>
      <translation>该帖需要登录才能阅读（s1reader 以游客身份访问）。</translation>
    </message>
    <message>
      <location filename="../../reader/ui/forumflow.py" line="210" />
      <source>Guests have no permission to read this thread.</source>
      <translation>游客没有权限阅读该帖。</translation>
    </message>
    <message>
      <location filename="../../reader/ui/forumflow.py" line="211" />
      <source>The forum could not be reached (check the network).</source>
      <translation>无法连接论坛（请检查网络）。</translation>
    </message>
    <message>
      <location filename="../../reader/ui/forumflow.py" line="232" />
      <source>Archive format (*.md)</source>
      <translation>存档格式 (*.md)</translation>
    </message>
    <message>
      <location filename="../../reader/ui/forumflow.py" line="233" />
      <source>Web page (*.html)</source>
      <translation>网页 (*.html)</translation>
    </message>
    <message>
      <location filename="../../reader/ui/forumflow.py" line="237" />
      <source>Export thread</source>
      <translation>导出帖子</translation>
    </message>
    <message>
      <location filename="../../reader/ui/forumflow.py" line="260" />
      <source>Exporting…</source>
      <translation>正在导出…</translation>
    </message>
    <message>
      <location filename="../../reader/ui/forumflow.py" line="265" />
      <source>Exported %1 posts to %2</source>
      <translation>已导出 %1 楼到 %2</translation>
    </message>
    <message>
      <location filename="../../reader/ui/forumflow.py" line="272" />
      <source>Export failed</source>
      <translation>导出失败</translation>
    </message>
    <message numerus="yes">
      <source>Refreshed %n threads: %2 new posts.</source>
      <translation>
        <numerusform>已刷新 %n 个帖子：新增 %2 楼。</numerusform>
      </translation>
    </message>
    <message>
      <source>Log in with File → Log in to the forum…, then try again.</source>
      <translation>请通过“文件 → 登录论坛…”登录后再试。</translation>
    </message>
    <message>
      <source>Only members of the forum can read this thread.</source>
      <translation>此帖只有论坛会员才能阅读。</translation>
    </message>
    <message>
      <source>The forum no longer accepts your session as %1: it has expired.</source>
      <translation>论坛不再接受你（%1）的登录：登录已过期。</translation>
    </message>
    <message>
      <source>You have no permission to read this thread.</source>
      <translation>你没有阅读此帖的权限。</translation>
    </message>
    <message>
      <source>The forum could not be reached in time (check the network, or try again later).</source>
      <translation>未能及时连上论坛（请检查网络，或稍后再试）。</translation>
    </message>
    <message>
      <source>No network: this computer seems to be offline. Connect to the network and try again.</source>
      <translation>没有网络：这台电脑似乎处于离线状态。请连接网络后再试。</translation>
    </message>
    <message>
      <source>The forum has switched off its mobile interface, through which s1reader reads it. Try again later.</source>
      <translation>论坛关闭了移动端接口（s1reader 通过它读取论坛）。请稍后再试。</translation>
    </message>
    <message>
      <source>The forum's interface has changed; a newer s1reader may be needed.</source>
      <translation>论坛的接口已改变，可能需要更新版本的 s1reader。</translation>
    </message>
    <message>
      <source>The forum answered with an error, or sent s1reader elsewhere.</source>
      <translation>论坛返回了错误，或把 s1reader 转到了别的地址。</translation>
    </message>
    <message>
      <source>The forum's answer could not be read; nothing of it was saved. Try again later.</source>
      <translation>无法读取论坛的回应，其中的内容都没有保存。请稍后再试。</translation>
    </message>
    <message>
      <source>If your account may read it, log in with File → Log in to the forum….</source>
      <translation>如果你的账号有权阅读，请通过“文件 → 登录论坛…”登录。</translation>
    </message>
    <message>
      <source>(%1 pictures were not downloaded and stay links: Thread → Download images of this thread, then export again)</source>
      <translation>（%1 张图片尚未下载，仍为链接：先用“帖子 → 下载本帖图片”，再导出一次）</translation>
    </message>
    <message>
      <source>fetching from the forum</source>
      <translation>从论坛获取</translation>
    </message>
    <message>
      <source>Paste a thread link or a thread id, for example
https://stage1st.com/2b/thread-2274815-1-1.html   or   2274815</source>
      <translation>粘贴帖子链接或帖子编号，例如
https://stage1st.com/2b/thread-2274815-1-1.html   或   2274815</translation>
    </message>
  </context>
  <context>
    <name>HistoryPanel</name>
    <message>
      <location filename="../../reader/ui/historypanel.py" line="44" />
      <source>Filter history</source>
      <translation>筛选历史</translation>
    </message>
    <message>
      <location filename="../../reader/ui/historypanel.py" line="51" />
      <source>Thread</source>
      <translation>帖子</translation>
    </message>
    <message>
      <location filename="../../reader/ui/historypanel.py" line="51" />
      <source>Read up to</source>
      <translation>读到</translation>
    </message>
    <message>
      <location filename="../../reader/ui/historypanel.py" line="51" />
      <source>Opened</source>
      <translation>打开时间</translation>
    </message>
    <message>
      <location filename="../../reader/ui/historypanel.py" line="57" />
      <source>No threads opened yet.</source>
      <translation>还没有打开过帖子。</translation>
    </message>
    <message>
      <location filename="../../reader/ui/historypanel.py" line="79" />
      <source>#%1 of %2</source>
      <translation>#%1 / %2</translation>
    </message>
    <message>
      <location filename="../../reader/ui/historypanel.py" line="80" />
      <source>start</source>
      <translation>开头</translation>
    </message>
  </context>
  <context>
    <name>LibraryPane</name>
    <message>
      <location filename="../../reader/ui/librarypane.py" line="67" />
      <source>Filter by title or tid</source>
      <translation>按标题或 tid 筛选</translation>
    </message>
    <message>
      <location filename="../../reader/ui/librarypane.py" line="70" />
      <location filename="../../reader/ui/librarypane.py" line="103" />
      <source>Last post</source>
      <translation>最后回复</translation>
    </message>
    <message>
      <location filename="../../reader/ui/librarypane.py" line="70" />
      <source>Title</source>
      <translation>标题</translation>
    </message>
    <message>
      <location filename="../../reader/ui/librarypane.py" line="71" />
      <source>Size</source>
      <translation>帖数</translation>
    </message>
    <message>
      <location filename="../../reader/ui/librarypane.py" line="103" />
      <source>Thread</source>
      <translation>帖子</translation>
    </message>
    <message>
      <location filename="../../reader/ui/librarypane.py" line="103" />
      <source>Posts</source>
      <translation>帖数</translation>
    </message>
    <message>
      <location filename="../../reader/ui/librarypane.py" line="103" />
      <source>Unread</source>
      <translation>未读</translation>
    </message>
    <message>
      <location filename="../../reader/ui/librarypane.py" line="136" />
      <source>No longer reachable on the forum (0无法访问)</source>
      <translation>论坛上已无法访问（0无法访问）</translation>
    </message>
      <message>
      <source>New replies</source>
      <translation>新回复</translation>
    </message>
    <message>
      <source>Show only the threads you have opened that have new replies you have not read</source>
      <translation>只显示看过且有未读新回复的帖子</translation>
    </message>
    <message>
      <source>Saved searches (关注): the number is the matching posts that arrived since you last opened it</source>
      <translation>关注的搜索：数字是上次打开后新到的匹配帖子数</translation>
    </message>
    <message>
      <source>%1
%2 new posts since you last opened it</source>
      <translation>%1
上次打开后新到 %2 个帖子</translation>
    </message>
  </context>
  <context>
    <name>ImageViewer</name>
    <message>
      <location filename="../../reader/ui/imageviewer.py" line="37" />
      <source>Image — %1</source>
      <translation>图片 — %1</translation>
    </message>
    <message>
      <location filename="../../reader/ui/imageviewer.py" line="50" />
      <source>Zoom out</source>
      <translation>缩小</translation>
    </message>
    <message>
      <location filename="../../reader/ui/imageviewer.py" line="50" />
      <source>100%</source>
      <translation>100%</translation>
    </message>
    <message>
      <location filename="../../reader/ui/imageviewer.py" line="51" />
      <source>Fit</source>
      <translation>适应窗口</translation>
    </message>
    <message>
      <location filename="../../reader/ui/imageviewer.py" line="51" />
      <source>Zoom in</source>
      <translation>放大</translation>
    </message>
    <message>
      <location filename="../../reader/ui/imageviewer.py" line="56" />
      <source>Open in browser</source>
      <translation>在浏览器中打开</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <source>Selected text copied.</source>
      <translation>已复制选中的文字。</translation>
    </message>
    <message>
      <source>Thread %1 is not in the library.</source>
      <translation>本地存档里没有帖子 %1。</translation>
    </message>
    <message>
      <source>This post is not in the library.</source>
      <translation>本地存档里没有这个楼层。</translation>
    </message>
    <message>
      <source>Open in the browser</source>
      <translation>在浏览器中打开</translation>
    </message>
    <message>
      <source>Save from the forum</source>
      <translation>从论坛保存</translation>
    </message>
    <message>
      <location filename="../../reader/ui/mainwindow.py" line="168" />
      <source>Floor %1 / %2</source>
      <translation>第 %1 楼 / 共 %2 楼</translation>
    </message>
    <message>
      <location filename="../../reader/ui/mainwindow.py" line="183" />
      <source>Import archive files</source>
      <translation>导入存档文件</translation>
    </message>
    <message>
      <location filename="../../reader/ui/mainwindow.py" line="184" />
      <source>Thread archives (*.md *.txt);;All files (*)</source>
      <translation>帖子存档 (*.md *.txt);;所有文件 (*)</translation>
    </message>
    <message>
      <location filename="../../reader/ui/mainwindow.py" line="191" />
      <source>Import a folder</source>
      <translation>导入文件夹</translation>
    </message>
    <message>
      <location filename="../../reader/ui/mainwindow.py" line="203" />
      <source>Imported %1 files: %2 new posts, %3 updated, %4 failed.</source>
      <translation>已导入 %1 个文件：新增 %2 帖，更新 %3 帖，失败 %4 个。</translation>
    </message>
    <message>
      <location filename="../../reader/ui/mainwindow.py" line="230" />
      <source>Go to floor</source>
      <translation>跳到楼层</translation>
    </message>
    <message>
      <location filename="../../reader/ui/mainwindow.py" line="230" />
      <source>Floor:</source>
      <translation>楼层：</translation>
    </message>
    <message>
      <location filename="../../reader/ui/mainwindow.py" line="243" />
      <source>Post text copied.</source>
      <translation>已复制帖子文本。</translation>
    </message>
    <message>
      <location filename="../../reader/ui/mainwindow.py" line="274" />
      <source>Zoom %1%</source>
      <translation>缩放 %1%</translation>
    </message>
    <message numerus="yes">
      <source>Floor %1 · %n posts</source>
      <translation>
        <numerusform>第 %1 楼 · 共 %n 帖</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>Floor %1 · %2 of %n posts</source>
      <translation>
        <numerusform>第 %1 楼 · 显示 %2 / 共 %n 帖</numerusform>
      </translation>
    </message>
    <message>
      <source>Posts</source>
      <translation>楼层</translation>
    </message>
    <message numerus="yes">
      <source>%n conflicts: copies that differ with nothing to tell which is newer.</source>
      <translation>
        <numerusform>%n 处冲突：副本内容不同，且无法判断哪个更新。</numerusform>
      </translation>
    </message>
    <message>
      <source>The reading position was not saved: %1</source>
      <translation>阅读位置未能保存：%1</translation>
    </message>
    <message>
      <source>Saving…</source>
      <translation>正在保存…</translation>
    </message>
    <message>
      <source>s1reader was started again: this window already has the library open</source>
      <translation>s1reader 被再次启动：帖子库已在本窗口中打开</translation>
    </message>
    <message>
      <source>Opening %1…</source>
      <translation>正在打开 %1…</translation>
    </message>
    <message>
      <source>The visit was not recorded: %1</source>
      <translation>这次浏览没有记入历史：%1</translation>
    </message>
    <message>
      <source>Not opened: %1 (only web links, http and https, open in the browser)</source>
      <translation>未打开：%1（只有 http 和 https 网页链接会在浏览器中打开）</translation>
    </message>
    <message>
      <source>Imported %1 of %2 files: %3 new posts, %4 updated.</source>
      <translation>%2 个文件中已导入 %1 个：新增 %3 帖，更新 %4 帖。</translation>
    </message>
    <message>
      <source>Imported %2 files: %3 new posts, %4 updated.</source>
      <translation>已导入 %2 个文件：新增 %3 帖，更新 %4 帖。</translation>
    </message>
    <message>
      <source>%1 could not be imported (see the list).</source>
      <translation>%1 个无法导入（见列表）。</translation>
    </message>
  </context>
  <context>
    <name>PostDelegate</name>
    <message>
      <location filename="../../reader/ui/thread/delegate.py" line="231" />
      <source>OP</source>
      <translation>楼主</translation>
    </message>
    <message>
      <location filename="../../reader/ui/thread/delegate.py" line="233" />
      <source>New</source>
      <translation>新</translation>
    </message>
    <message>
      <location filename="../../reader/ui/thread/delegate.py" line="248" />
      <source>edited by %1 at %2</source>
      <translation>本帖最后由 %1 于 %2 编辑</translation>
    </message>
    <message>
      <location filename="../../reader/ui/thread/delegate.py" line="284" />
      <source>Go to floor %1</source>
      <translation>跳到 %1 楼</translation>
    </message>
    <message>
      <source>Blocked: %1</source>
      <translation>已屏蔽：%1</translation>
    </message>
    <message>
      <source>Hidden by a keyword rule: %1</source>
      <translation>关键词规则已折叠：%1</translation>
    </message>
    <message>
      <source>click to peek</source>
      <translation>点击查看</translation>
    </message>
    <message numerus="yes">
      <source>%n replies</source>
      <translation>
        <numerusform>%n 回复</numerusform>
      </translation>
    </message>
    <message>
      <source>Only this author · right-click for more</source>
      <translation>只看该作者 · 右键查看更多</translation>
    </message>
    <message>
      <source>List the replies</source>
      <translation>列出回复</translation>
    </message>
  </context>
  <context>
    <name>PostHtml</name>
    <message>
      <location filename="../../reader/ui/thread/posthtml.py" line="75" />
      <source>The author is banned or deleted; the content is hidden automatically.</source>
      <translation>提示: 作者被禁止或删除 内容自动屏蔽</translation>
    </message>
    <message>
      <location filename="../../reader/ui/thread/posthtml.py" line="80" />
      <source>This post was hidden by a moderator.</source>
      <translation>提示: 该帖被管理员或版主屏蔽</translation>
    </message>
    <message>
      <location filename="../../reader/ui/thread/posthtml.py" line="88" />
      <source>(empty post)</source>
      <translation>（空帖）</translation>
    </message>
    <message>
      <location filename="../../reader/ui/thread/posthtml.py" line="105" />
      <source>attachment</source>
      <translation>附件</translation>
    </message>
    <message>
      <location filename="../../reader/ui/thread/posthtml.py" line="111" />
      <source>downloads: %1</source>
      <translation>下载次数: %1</translation>
    </message>
    <message>
      <location filename="../../reader/ui/thread/posthtml.py" line="119" />
      <source>uploaded %1</source>
      <translation>%1 上传</translation>
    </message>
    <message>
      <location filename="../../reader/ui/thread/posthtml.py" line="124" />
      <source>Attachment</source>
      <translation>附件</translation>
    </message>
    <message>
      <location filename="../../reader/ui/thread/posthtml.py" line="154" />
      <source>someone</source>
      <translation>某人</translation>
    </message>
    <message>
      <location filename="../../reader/ui/thread/posthtml.py" line="156" />
      <source>posted at</source>
      <translation>发表于</translation>
    </message>
    <message>
      <location filename="../../reader/ui/thread/posthtml.py" line="178" />
      <source>Rated by %1 · %2</source>
      <translation>评分 · 参与人数 %1 · 战斗力 %2</translation>
    </message>
    <message>
      <source>not in the local archive</source>
      <translation>不在本地存档</translation>
    </message>
    <message>
      <source>Blocked: %1</source>
      <translation>已屏蔽：%1</translation>
    </message>
    <message numerus="yes">
      <source>Expand · %n lines</source>
      <translation>
        <numerusform>展开 · %n 行</numerusform>
      </translation>
    </message>
    <message>
      <source>Fold</source>
      <translation>收起</translation>
    </message>
    <message>
      <source>other thread</source>
      <translation>其他帖子</translation>
    </message>
    <message>
      <source>Quote</source>
      <translation>引用</translation>
    </message>
    <message>
      <source>quoting %1</source>
      <translation>引用 %1</translation>
    </message>
  </context>
  <context>
    <name>PostViewer</name>
    <message>
      <location filename="../../reader/ui/postviewer.py" line="19" />
      <source>Floor %1 · %2</source>
      <translation>%1 楼 · %2</translation>
    </message>
  </context>
  <context>
    <name>SettingsDialog</name>
    <message>
      <location filename="../../reader/ui/settingsdialog.py" line="11" />
      <source>Settings</source>
      <translation>设置</translation>
    </message>
    <message>
      <location filename="../../reader/ui/settingsdialog.py" line="13" />
      <location filename="../../reader/ui/settingsdialog.py" line="17" />
      <source>Follow the system</source>
      <translation>跟随系统</translation>
    </message>
    <message>
      <location filename="../../reader/ui/settingsdialog.py" line="17" />
      <source>Light</source>
      <translation>浅色</translation>
    </message>
    <message>
      <location filename="../../reader/ui/settingsdialog.py" line="18" />
      <source>Dark</source>
      <translation>深色</translation>
    </message>
    <message>
      <location filename="../../reader/ui/settingsdialog.py" line="27" />
      <source>Language:</source>
      <translation>语言：</translation>
    </message>
    <message>
      <location filename="../../reader/ui/settingsdialog.py" line="28" />
      <source>Theme:</source>
      <translation>主题：</translation>
    </message>
    <message>
      <location filename="../../reader/ui/settingsdialog.py" line="29" />
      <source>A new language applies fully after a restart.</source>
      <translation>更换语言后需要重启才能完全生效。</translation>
    </message>
    <message>
      <source>Download all smileys</source>
      <translation>下载全部表情</translation>
    </message>
    <message>
      <source>All %1 smileys are here for offline reading.</source>
      <translation>全部 %1 个表情都已下载，离线也能显示。</translation>
    </message>
    <message>
      <source>%1 of %2 smileys are not downloaded yet; without network they show as their names, e.g. [face2017/067].</source>
      <translation>%2 个表情中有 %1 个尚未下载；没有网络时它们显示为名称，例如 [face2017/067]。</translation>
    </message>
    <message>
      <source>Smileys:</source>
      <translation>表情：</translation>
    </message>
    <message>
      <source>Export pictures…</source>
      <translation>导出图片…</translation>
    </message>
    <message>
      <source>Import pictures…</source>
      <translation>导入图片…</translation>
    </message>
    <message>
      <source>Picture cache:</source>
      <translation>图片缓存：</translation>
    </message>
    <message>
      <source>Carry the downloaded smileys and images to a computer without network in one file.</source>
      <translation>把已下载的表情和图片打包成一个文件，带到没有网络的电脑上。</translation>
    </message>
  </context>
  <context>
    <name>FilterBar</name>
    <message>
      <source>Show all posts</source>
      <translation>返回全部楼层</translation>
    </message>
  </context>
  <context>
    <name>MediaFlow</name>
    <message>
      <location filename="../../reader/ui/mediaflow.py" line="77" />
      <source>Offline mode: no picture is downloaded.</source>
      <translation>离线模式：不下载任何图片。</translation>
    </message>
    <message>
      <location filename="../../reader/ui/mediaflow.py" line="78" />
      <source>Online: missing pictures are downloaded as posts are shown.</source>
      <translation>在线：显示帖子时自动下载缺少的图片。</translation>
    </message>
    <message>
      <location filename="../../reader/ui/mediaflow.py" line="120" />
      <source>Offline mode</source>
      <translation>离线模式</translation>
    </message>
    <message>
      <location filename="../../reader/ui/mediaflow.py" line="121" />
      <source>Offline mode is on. Go online and download the pictures of this thread?</source>
      <translation>离线模式已开启。要联网并下载本帖的图片吗？</translation>
    </message>
    <message>
      <location filename="../../reader/ui/mediaflow.py" line="128" />
      <source>Looking for pictures…</source>
      <translation>正在查找图片…</translation>
    </message>
    <message>
      <location filename="../../reader/ui/mediaflow.py" line="128" />
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <location filename="../../reader/ui/mediaflow.py" line="130" />
      <source>Download images of this thread</source>
      <translation>下载本帖图片</translation>
    </message>
    <message>
      <location filename="../../reader/ui/mediaflow.py" line="152" />
      <source>Downloading pictures: %1 of %2 (%3 new, %4 failed)</source>
      <translation>正在下载图片：%1 / %2（新增 %3，失败 %4）</translation>
    </message>
    <message>
      <location filename="../../reader/ui/mediaflow.py" line="168" />
      <source>Pictures: %1 downloaded, %2 already cached, %3 missing, %4 gone or unusable.</source>
      <translation>图片：下载 %1 张，已缓存 %2 张，缺少 %3 张，失效或无法显示 %4 张。</translation>
    </message>
    <message>
      <location filename="../../reader/ui/mediaflow.py" line="173" />
      <source>Download cancelled.</source>
      <translation>下载已取消。</translation>
    </message>
    <message>
      <location filename="../../reader/ui/mediaflow.py" line="179" />
      <source>Download failed</source>
      <translation>下载失败</translation>
    </message>
    <message>
      <location filename="../../reader/ui/mediaflow.py" line="180" />
      <source>The pictures could not be downloaded:
%1</source>
      <translation>无法下载图片：
%1</translation>
    </message>
    <message>
      <source>Offline mode is on. Go online and download all smileys?</source>
      <translation>离线模式已开启。要联网并下载全部表情吗？</translation>
    </message>
    <message>
      <source>Download all smileys</source>
      <translation>下载全部表情</translation>
    </message>
    <message>
      <source>Export pictures</source>
      <translation>导出图片</translation>
    </message>
    <message>
      <source>Import pictures</source>
      <translation>导入图片</translation>
    </message>
    <message>
      <source>Picture files (*.zip)</source>
      <translation>图片文件 (*.zip)</translation>
    </message>
    <message>
      <source>%1: %2 of %3 pictures</source>
      <translation>%1：第 %2 / %3 张图片</translation>
    </message>
    <message>
      <source>Pictures imported: %1 added, %2 already here, %3 unusable.</source>
      <translation>图片已导入：新增 %1 张，已有 %2 张，%3 张无法使用。</translation>
    </message>
    <message>
      <source>Pictures exported: %1 (%2 MiB).</source>
      <translation>图片已导出：%1 张（%2 MiB）。</translation>
    </message>
    <message>
      <source>Cancelled.</source>
      <translation>已取消。</translation>
    </message>
    <message>
      <source>This file is not a picture file written by s1reader (Export pictures or `s1reader media export`).</source>
      <translation>这个文件不是 s1reader 导出的图片文件（“导出图片”或 `s1reader media export`）。</translation>
    </message>
    <message>
      <source>This picture file was written by a newer s1reader; update s1reader to import it.</source>
      <translation>这个图片文件由更新版本的 s1reader 写入；请先升级 s1reader 再导入。</translation>
    </message>
    <message>
      <source>The file is not there any more.</source>
      <translation>文件已不存在。</translation>
    </message>
    <message>
      <source>The picture file could not be written or read: %1</source>
      <translation>无法写入或读取图片文件：%1</translation>
    </message>
    <message>
      <source>S1READER_OFFLINE is set: the program makes no connection.</source>
      <translation>已设置 S1READER_OFFLINE：程序不会联网。</translation>
    </message>
    <message>
      <source>unset S1READER_OFFLINE and restart</source>
      <translation>取消 S1READER_OFFLINE 并重新启动</translation>
    </message>
    <message>
      <source>turn off View → Offline mode</source>
      <translation>关闭“查看 → 离线模式”</translation>
    </message>
    <message>
      <source>Offline mode: %1 needs the network; %2 to allow it.</source>
      <translation>离线模式：%1需要联网；要允许联网，请%2。</translation>
    </message>
    <message>
      <source>going online</source>
      <translation>联网</translation>
    </message>
    <message>
      <source>downloading pictures</source>
      <translation>下载图片</translation>
    </message>
  </context>
  <context>
    <name>FindBar</name>
    <message>
      <source>Find in thread</source>
      <translation>帖内查找</translation>
    </message>
    <message>
      <source>Previous match (Shift+Enter)</source>
      <translation>上一个（Shift+Enter）</translation>
    </message>
    <message>
      <source>Next match (Enter, F3)</source>
      <translation>下一个（Enter、F3）</translation>
    </message>
    <message>
      <source>No matches</source>
      <translation>无匹配</translation>
    </message>
    <message>
      <source>%1 of %2</source>
      <translation>第 %1 / %2 处</translation>
    </message>
  </context>
  <context>
    <name>AuthorsPanel</name>
    <message>
      <source>Find an author</source>
      <translation>查找作者</translation>
    </message>
    <message>
      <source>Author</source>
      <translation>作者</translation>
    </message>
    <message>
      <source>Posts</source>
      <translation>帖数</translation>
    </message>
    <message>
      <source>Click an author to show only their posts; Ctrl+click for several. Double-click: author page.</source>
      <translation>单击作者只看其发言，Ctrl+单击可多选；双击打开作者页。</translation>
    </message>
  </context>
  <context>
    <name>AuthorPage</name>
    <message>
      <source>Author: %1</source>
      <translation>作者：%1</translation>
    </message>
    <message>
      <source>No posts by %1 in the library.</source>
      <translation>本地存档中没有 %1 的发言。</translation>
    </message>
    <message>
      <source>%1 posts in %2 threads · first seen %3 · last seen %4</source>
      <translation>共 %1 帖，分布在 %2 个主题 · 首次出现 %3 · 最近出现 %4</translation>
    </message>
    <message>
      <source>Time</source>
      <translation>时间</translation>
    </message>
    <message>
      <source>Thread</source>
      <translation>主题</translation>
    </message>
    <message>
      <source>Floor</source>
      <translation>楼层</translation>
    </message>
    <message>
      <source>First line</source>
      <translation>首行</translation>
    </message>
    <message>
      <source>Board</source>
      <translation>版块</translation>
    </message>
    <message>
      <source>Posts</source>
      <translation>帖数</translation>
    </message>
    <message>
      <source>First</source>
      <translation>首帖</translation>
    </message>
    <message>
      <source>Last</source>
      <translation>末帖</translation>
    </message>
    <message>
      <source>Threads</source>
      <translation>主题数</translation>
    </message>
    <message>
      <source>Boards</source>
      <translation>版块</translation>
    </message>
  </context>
  <context>
    <name>MarksDialog</name>
    <message>
      <source>Blocked users, highlights and rules</source>
      <translation>屏蔽、高亮与规则</translation>
    </message>
    <message>
      <source>Blocked users</source>
      <translation>屏蔽用户</translation>
    </message>
    <message>
      <source>Highlighted users</source>
      <translation>高亮用户</translation>
    </message>
    <message>
      <source>Keyword rules</source>
      <translation>关键词规则</translation>
    </message>
    <message>
      <source>Display</source>
      <translation>显示</translation>
    </message>
    <message>
      <source>User</source>
      <translation>用户</translation>
    </message>
    <message>
      <source>Why</source>
      <translation>原因</translation>
    </message>
    <message>
      <source>Since</source>
      <translation>添加于</translation>
    </message>
    <message>
      <source>Expires</source>
      <translation>到期</translation>
    </message>
    <message>
      <source>Colour</source>
      <translation>颜色</translation>
    </message>
    <message>
      <source>User name</source>
      <translation>用户名</translation>
    </message>
    <message>
      <source>Why (optional)</source>
      <translation>原因（可选）</translation>
    </message>
    <message>
      <source>never expires</source>
      <translation>永不过期</translation>
    </message>
    <message>
      <source> days</source>
      <translation> 天</translation>
    </message>
    <message>
      <source>Add</source>
      <translation>添加</translation>
    </message>
    <message>
      <source>Remove selected</source>
      <translation>删除所选</translation>
    </message>
    <message>
      <source>Pattern</source>
      <translation>关键词</translation>
    </message>
    <message>
      <source>Applies to</source>
      <translation>类型</translation>
    </message>
    <message>
      <source>Action</source>
      <translation>动作</translation>
    </message>
    <message>
      <source>Word or regular expression</source>
      <translation>关键词或正则表达式</translation>
    </message>
    <message>
      <source>Regex</source>
      <translation>正则</translation>
    </message>
    <message>
      <source>Word</source>
      <translation>关键词</translation>
    </message>
    <message>
      <source>Collapse posts</source>
      <translation>折叠帖子</translation>
    </message>
    <message>
      <source>Hide posts</source>
      <translation>隐藏帖子</translation>
    </message>
    <message>
      <source>Hide threads by title</source>
      <translation>按标题隐藏主题</translation>
    </message>
    <message>
      <source>never fold</source>
      <translation>从不折叠</translation>
    </message>
    <message>
      <source>Fold quotes longer than (lines):</source>
      <translation>引用超过以下行数时折叠：</translation>
    </message>
    <message>
      <source>Collapse to one line (click to peek)</source>
      <translation>折叠为一行（点击查看）</translation>
    </message>
    <message>
      <source>Hide entirely</source>
      <translation>完全隐藏</translation>
    </message>
    <message>
      <source>Posts of blocked users:</source>
      <translation>被屏蔽用户的帖子：</translation>
    </message>
    <message>
      <source>never</source>
      <translation>从不</translation>
    </message>
  </context>
  <context>
    <name>SearchFlow</name>
    <message>
      <location filename="../../reader/ui/searchflow.py" line="163" />
      <source>Search all threads (Ctrl+Shift+F)</source>
      <translation>搜索全部帖子 (Ctrl+Shift+F)</translation>
    </message>
    <message>
      <location filename="../../reader/ui/searchflow.py" line="168" />
      <source>Search</source>
      <translation>搜索</translation>
    </message>
    <message>
      <location filename="../../reader/ui/searchflow.py" line="264" />
      <source>Searching…</source>
      <translation>正在搜索…</translation>
    </message>
    <message>
      <location filename="../../reader/ui/searchflow.py" line="280" />
      <source>No posts found.</source>
      <translation>没有找到帖子。</translation>
    </message>
    <message>
      <location filename="../../reader/ui/searchflow.py" line="282" />
      <source>%1 posts found; showing %2.</source>
      <translation>找到 %1 楼；已显示 %2 楼。</translation>
    </message>
    <message>
      <location filename="../../reader/ui/searchflow.py" line="316" />
      <source>About %1 posts found; showing %2.</source>
      <translation>约找到 %1 楼；已显示 %2 楼。</translation>
    </message>
    <message>
      <location filename="../../reader/ui/searchflow.py" line="302" />
      <source>Search failed: %1</source>
      <translation>搜索失败：%1</translation>
    </message>
      <message>
      <source>Saved the search %1: the library pane counts its new posts.</source>
      <translation>已关注搜索 %1：帖子库面板会统计它的新帖。</translation>
    </message>
    <message>
      <source>%1: %2 new posts since you last opened it; %3 posts match in all.</source>
      <translation>%1：上次打开后新到 %2 个帖子；共 %3 个帖子匹配。</translation>
    </message>
  </context>
  <context>
    <name>SearchPanel</name>
    <message>
      <location filename="../../reader/ui/searchflow.py" line="65" />
      <source>Relevance</source>
      <translation>相关度</translation>
    </message>
    <message>
      <location filename="../../reader/ui/searchflow.py" line="66" />
      <source>Newest</source>
      <translation>最新</translation>
    </message>
    <message>
      <location filename="../../reader/ui/searchflow.py" line="83" />
      <source>Load more</source>
      <translation>加载更多</translation>
    </message>
    <message>
      <location filename="../../reader/ui/searchflow.py" line="87" />
      <source>Words must all appear; "exact phrase"; -word excludes; filters: author:NAME board:NAME thread:TID before:2023-06-01 after:2023-01-01 in:quote -in:quote</source>
      <translation>多个词须同时出现；"完整短语"；-词 表示排除；筛选：author:用户名 board:版块 thread:帖子编号 before:2023-06-01 after:2023-01-01 in:quote（只搜引用）-in:quote（不搜引用）</translation>
    </message>
    <message>
      <location filename="../../reader/ui/searchflow.py" line="94" />
      <source>Sort:</source>
      <translation>排序：</translation>
    </message>
    <message>
      <source>Blocked: %1</source>
      <translation>已屏蔽：%1</translation>
    </message>
    <message>
      <source>click to show</source>
      <translation>点击显示</translation>
    </message>
    <message>
      <source>A post by a blocked user: click to show it</source>
      <translation>已屏蔽用户的帖子：点击显示</translation>
    </message>
      <message>
      <source>A saved search (关注): its new posts are counted in the library pane</source>
      <translation>已关注的搜索：帖子库面板里会显示它的新帖数</translation>
    </message>
    <message>
      <source>Save this search (关注): the library pane then counts the posts that arrive for it</source>
      <translation>关注此搜索：帖子库面板会统计新到的匹配帖子</translation>
    </message>
    <message>
      <source>new</source>
      <translation>新</translation>
    </message>
  </context>
  <context>
    <name>ReadingTools</name>
    <message>
      <source>Authors</source>
      <translation>作者</translation>
    </message>
    <message>
      <source>Reading</source>
      <translation>阅读</translation>
    </message>
    <message>
      <source>That post is not in the library</source>
      <translation>该帖不在本地存档</translation>
    </message>
    <message numerus="yes">
      <source>Conversation (%n posts)</source>
      <translation>
        <numerusform>对话（%n 帖）</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>Only posts by %1 (%n posts)</source>
      <translation>
        <numerusform>只看该作者：%1（%n 帖）</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>Only the thread starter %1 (%n posts)</source>
      <translation>
        <numerusform>只看楼主：%1（%n 帖）</numerusform>
      </translation>
    </message>
    <message>
      <source>Blocked %1</source>
      <translation>已屏蔽 %1</translation>
    </message>
    <message>
      <source>Only this author: %1</source>
      <translation>只看该作者：%1</translation>
    </message>
    <message>
      <source>Author page…</source>
      <translation>作者页…</translation>
    </message>
    <message numerus="yes">
      <source>%n replies…</source>
      <translation>
        <numerusform>%n 回复…</numerusform>
      </translation>
    </message>
    <message>
      <source>Conversation…</source>
      <translation>对话…</translation>
    </message>
    <message>
      <source>Unblock %1</source>
      <translation>取消屏蔽 %1</translation>
    </message>
    <message>
      <source>Block %1</source>
      <translation>屏蔽 %1</translation>
    </message>
    <message>
      <source>Remove highlight of %1</source>
      <translation>取消高亮 %1</translation>
    </message>
    <message>
      <source>Highlight %1</source>
      <translation>高亮 %1</translation>
    </message>
  </context>
  <context>
    <name>UndoBar</name>
    <message>
      <location filename="../../reader/ui/bookmarkpanel.py" line="48" />
      <source>Undo</source>
      <translation>撤销</translation>
    </message>
    <message>
      <location filename="../../reader/ui/bookmarkpanel.py" line="53" />
      <source>Dismiss</source>
      <translation>关闭</translation>
    </message>
  </context>
  <context>
    <name>UserDataFlow</name>
    <message>
      <location filename="../../reader/ui/userdataflow.py" line="32" />
      <source>Bookmarks</source>
      <translation>书签</translation>
    </message>
    <message>
      <location filename="../../reader/ui/userdataflow.py" line="33" />
      <source>History</source>
      <translation>历史</translation>
    </message>
    <message>
      <location filename="../../reader/ui/userdataflow.py" line="106" />
      <source>Could not bookmark the post</source>
      <translation>无法收藏此楼</translation>
    </message>
    <message>
      <location filename="../../reader/ui/userdataflow.py" line="109" />
      <source>Bookmarked #%1.</source>
      <translation>已收藏 #%1。</translation>
    </message>
    <message>
      <location filename="../../reader/ui/userdataflow.py" line="126" />
      <source>Bookmark removed (undo in the Bookmarks panel, Ctrl+B).</source>
      <translation>书签已删除（可在书签面板撤销，Ctrl+B）。</translation>
    </message>
    <message>
      <location filename="../../reader/ui/userdataflow.py" line="167" />
      <source>Export user data</source>
      <translation>导出用户数据</translation>
    </message>
    <message>
      <location filename="../../reader/ui/userdataflow.py" line="167" />
      <source>JSON backup (*.json)</source>
      <translation>JSON 备份 (*.json)</translation>
    </message>
    <message>
      <location filename="../../reader/ui/userdataflow.py" line="173" />
      <source>Export failed</source>
      <translation>导出失败</translation>
    </message>
    <message>
      <location filename="../../reader/ui/userdataflow.py" line="176" />
      <source>Exported %1 bookmarks, %2 reading positions and %3 user marks and rules.</source>
      <translation>已导出 %1 个书签、%2 个阅读位置、%3 条用户标记和规则。</translation>
    </message>
    <message>
      <location filename="../../reader/ui/userdataflow.py" line="183" />
      <source>Import user data</source>
      <translation>导入用户数据</translation>
    </message>
    <message>
      <location filename="../../reader/ui/userdataflow.py" line="184" />
      <source>JSON backup (*.json);;All files (*)</source>
      <translation>JSON 备份 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
      <location filename="../../reader/ui/userdataflow.py" line="190" />
      <source>Import failed</source>
      <translation>导入失败</translation>
    </message>
    <message>
      <location filename="../../reader/ui/userdataflow.py" line="193" />
      <source>Merged %1 bookmarks, %2 reading positions and %3 user marks and rules.</source>
      <translation>已合并 %1 个书签、%2 个阅读位置、%3 条用户标记和规则。</translation>
    </message>
    <message>
      <source>Could not change the bookmark</source>
      <translation>无法修改书签</translation>
    </message>
  </context>
  <context>
    <name>App</name>
    <message>
      <source>Upgrading the library…</source>
      <translation>正在升级资料库…</translation>
    </message>
    <message>
      <source>Upgrading the library: step %1 of %2 (%3)…
Your bookmarks and reading positions were saved beside it first.</source>
      <translation>正在升级资料库：第 %1 / %2 步（%3）…
书签和阅读位置已先保存在资料库旁边。</translation>
    </message>
    <message>
      <source>s1reader cannot open its library
%1

%2

If the file was damaged, move it away and import your archives again (File → Import); a library written by a newer s1reader needs that version.</source>
      <translation>s1reader 无法打开帖子库
%1

%2

如果文件已损坏，请把它移走后重新导入存档（文件 → 导入）；由更新版本的 s1reader 写入的帖子库需要用那个版本打开。</translation>
    </message>
    <message>
      <source>Something went wrong; your library and bookmarks are safe.
%1</source>
      <translation>出了点问题；帖子库和书签都没有受影响。
%1</translation>
    </message>
    <message>
      <source>s1reader cannot open its library
%1

%2

%3</source>
      <translation>s1reader 无法打开帖子库
%1

%2

%3</translation>
    </message>
    <message>
      <source>It was written by a newer s1reader (schema %1); nothing was changed in it. Install that version or a newer one to open it.</source>
      <translation>它由更新版本的 s1reader 写入（数据结构版本 %1）；文件没有被改动。请安装那个版本或更新的版本来打开它。</translation>
    </message>
    <message>
      <source>Another s1reader (a command-line import or another window) is writing to it. Nothing was changed; start s1reader again when it has finished.</source>
      <translation>另一个 s1reader（命令行导入或另一个窗口）正在写入它。没有做任何改动；请等它结束后再启动 s1reader。</translation>
    </message>
    <message>
      <source>The file is damaged; nothing more is written to it. First save your bookmarks and lists with `s1reader userdata export backup.json` (it saves what can still be read), then move the file away, import your archives again and run `s1reader userdata import backup.json` (or import the newest automatic backup, *-userdata-schema*.json beside the library).</source>
      <translation>文件已损坏；不会再向它写入任何内容。请先用 `s1reader userdata export backup.json` 保存书签和各种名单（能读出的都会保存），然后把文件移走，重新导入存档，再运行 `s1reader userdata import backup.json`（或导入帖子库旁边最新的自动备份 *-userdata-schema*.json）。</translation>
    </message>
    <message>
      <source>A library written by a newer s1reader needs that version. If the file is damaged, first save your bookmarks and lists with `s1reader userdata export backup.json`, then move the file away and import your archives again.</source>
      <translation>由更新版本的 s1reader 写入的帖子库需要用那个版本打开。如果文件已损坏，请先用 `s1reader userdata export backup.json` 保存书签和各种名单，然后把文件移走并重新导入存档。</translation>
    </message>
    <message>
      <source>%1 is a file, not a folder.</source>
      <translation>%1 是一个文件，不是文件夹。</translation>
    </message>
    <message>
      <source>The folder %1 cannot be created: no permission to write there.</source>
      <translation>无法创建文件夹 %1：没有写入权限。</translation>
    </message>
    <message>
      <source>The folder %1 cannot be created (%2).</source>
      <translation>无法创建文件夹 %1（%2）。</translation>
    </message>
    <message>
      <source>s1reader cannot keep its library there

%1

Start it with --home set to a folder you can write to (a new or an existing one), or without --home (and without S1READER_HOME) for the usual place.</source>
      <translation>s1reader 无法在那里保存帖子库

%1

请用 --home 指定一个可以写入的文件夹（新的或已有的均可）再启动；或者不加 --home（也不设 S1READER_HOME），使用默认位置。</translation>
    </message>
    <message>
      <source>The library %1 is already open in another s1reader window, which does not answer. Close that window (or end that program) and start s1reader again.</source>
      <translation>帖子库 %1 已在另一个 s1reader 窗口中打开，但该窗口没有响应。请关闭那个窗口（或结束那个程序）后再启动 s1reader。</translation>
    </message>
  </context>
  <context>
    <name>ShortcutsDialog</name>
    <message>
      <source>Keyboard shortcuts</source>
      <translation>键盘快捷键</translation>
    </message>
    <message>
      <source>Next post</source>
      <translation>下一帖</translation>
    </message>
    <message>
      <source>Previous post</source>
      <translation>上一帖</translation>
    </message>
    <message>
      <source>Next page</source>
      <translation>下一页</translation>
    </message>
    <message>
      <source>Previous page</source>
      <translation>上一页</translation>
    </message>
    <message>
      <source>First / last post</source>
      <translation>第一帖 / 最后一帖</translation>
    </message>
    <message>
      <source>Open the post as text</source>
      <translation>以文本打开帖子</translation>
    </message>
  </context>
  <context>
    <name>DigestFlow</name>
    <message>
      <source>Digest</source>
      <translation>摘要</translation>
    </message>
    <message>
      <source>Gallery</source>
      <translation>图集</translation>
    </message>
    <message>
      <source>the thread is no longer in the library</source>
      <translation>该帖已不在帖子库中</translation>
    </message>
    <message>
      <source>open a thread first</source>
      <translation>请先打开一个帖子</translation>
    </message>
  </context>
  <context>
    <name>ActivityChart</name>
    <message numerus="yes">
      <source>%1: %n posts</source>
      <translation>
        <numerusform>%1：%n 帖</numerusform>
      </translation>
    </message>
    <message>
      <source>from floor %1 (click to read)</source>
      <translation>从第 %1 楼起（点击阅读）</translation>
    </message>
    <message>
      <source>Posts per hour</source>
      <translation>每小时帖数</translation>
    </message>
    <message>
      <source>Posts per day</source>
      <translation>每日帖数</translation>
    </message>
    <message>
      <source>No posts</source>
      <translation>没有帖子</translation>
    </message>
    <message>
      <source>posts</source>
      <translation>帖数</translation>
    </message>
    <message>
      <source>unread</source>
      <translation>未读</translation>
    </message>
    <message>
      <source>you are here</source>
      <translation>当前位置</translation>
    </message>
  </context>
  <context>
    <name>PostList</name>
    <message>
      <source>Floor</source>
      <translation>楼层</translation>
    </message>
    <message>
      <source>Author</source>
      <translation>作者</translation>
    </message>
    <message>
      <source>Posted</source>
      <translation>发表时间</translation>
    </message>
    <message>
      <source>First line</source>
      <translation>首行</translation>
    </message>
  </context>
  <context>
    <name>AuthorList</name>
    <message>
      <source>Author</source>
      <translation>作者</translation>
    </message>
    <message>
      <source>Posts</source>
      <translation>帖数</translation>
    </message>
    <message>
      <source>Share</source>
      <translation>占比</translation>
    </message>
    <message>
      <source>%1 (thread starter)</source>
      <translation>%1（楼主）</translation>
    </message>
    <message>
      <source>Show only the posts of %1</source>
      <translation>只看 %1 的帖子</translation>
    </message>
  </context>
  <context>
    <name>DigestPanel</name>
    <message>
      <source>Rating</source>
      <translation>评分</translation>
    </message>
    <message>
      <source>Quoted</source>
      <translation>被引用</translation>
    </message>
    <message>
      <source>Length</source>
      <translation>长度</translation>
    </message>
    <message>
      <source>Most rated</source>
      <translation>评分最高</translation>
    </message>
    <message>
      <source>Most quoted</source>
      <translation>引用最多</translation>
    </message>
    <message>
      <source>Thread starter</source>
      <translation>楼主</translation>
    </message>
    <message>
      <source>Longest with images</source>
      <translation>带图长帖</translation>
    </message>
    <message>
      <source>Who talks</source>
      <translation>谁在发言</translation>
    </message>
    <message>
      <source>Posts worth reading</source>
      <translation>值得一读</translation>
    </message>
    <message>
      <source>Working out the digest…</source>
      <translation>正在生成摘要…</translation>
    </message>
    <message>
      <source>The digest could not be worked out: %1</source>
      <translation>无法生成摘要：%1</translation>
    </message>
    <message>
      <source>%1 posts by %2 authors · %3 · %4 rated · %5 quoted · %6 images</source>
      <translation>%2 位作者的 %1 帖 · %3 · %4 帖被评分 · %5 帖被引用 · %6 张图片</translation>
    </message>
    <message numerus="yes">
      <source>Only the thread starter (%n posts)</source>
      <translation>
        <numerusform>只看楼主（%n 帖）</numerusform>
      </translation>
    </message>
    <message>
      <source>Thread starter %1</source>
      <translation>楼主 %1</translation>
    </message>
    <message numerus="yes">
      <source>%1 · %n raters</source>
      <translation>
        <numerusform>%1 · %n 人评分</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n times</source>
      <translation>
        <numerusform>%n 次</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%1 chars · %n images</source>
      <translation>
        <numerusform>%1 字 · %n 图</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>GalleryPanel</name>
    <message>
      <source>Looking for images…</source>
      <translation>正在查找图片…</translation>
    </message>
    <message>
      <source>The images could not be listed: %1</source>
      <translation>无法列出图片：%1</translation>
    </message>
    <message numerus="yes">
      <source>%n images. Click one to see it full size; pictures not downloaded yet show a placeholder (Thread → Download images of this thread).</source>
      <translation>
        <numerusform>共 %n 张图片。点击查看原图；尚未下载的图片显示为占位图（帖子 → 下载本帖图片）。</numerusform>
      </translation>
    </message>
    <message>
      <source>No images in this thread.</source>
      <translation>本帖没有图片。</translation>
    </message>
  </context>
  <context>
    <name>GalleryViewer</name>
    <message>
      <source>◀ Previous</source>
      <translation>◀ 上一张</translation>
    </message>
    <message>
      <source>Next ▶</source>
      <translation>下一张 ▶</translation>
    </message>
    <message>
      <source>Go to post</source>
      <translation>转到帖子</translation>
    </message>
  </context>
  <context>
    <name>Writer</name>
    <message>
      <source>This change was not saved: %1

Try it again when the other program has finished.</source>
      <translation>这次修改没有保存：%1

请在另一个程序结束后再试一次。</translation>
    </message>
    <message>
      <source>This change was not saved: the disk is full.
%1

Free some space on it and try again; nothing else was changed.</source>
      <translation>这次修改没有保存：磁盘已满。
%1

请在该磁盘上腾出一些空间后再试一次；其他内容都没有改动。</translation>
    </message>
  </context>
  <context>
    <name>UpgradeDialog</name>
    <message>
      <source>Upgrade the library</source>
      <translation>升级帖子库</translation>
    </message>
    <message>
      <source>This library was written by an older s1reader (schema %1); this version upgrades it to schema %2 before opening it. The upgrade keeps everything, but an older s1reader cannot open the file afterwards.

%3

Your bookmarks, reading positions, block list and rules are saved beside the library first (%4). To keep another copy, export them now.</source>
      <translation>这个帖子库由旧版 s1reader 写入（数据结构版本 %1）；本版本会先把它升级到版本 %2 再打开。升级会保留全部内容，但之后旧版 s1reader 就打不开这个文件了。

%3

书签、阅读位置、屏蔽名单和规则会先保存在帖子库旁边（%4）。如果想另存一份，请现在导出。</translation>
    </message>
    <message>
      <source>Export user data…</source>
      <translation>导出用户数据…</translation>
    </message>
    <message>
      <source>Upgrade</source>
      <translation>升级</translation>
    </message>
    <message>
      <source>Quit</source>
      <translation>退出</translation>
    </message>
    <message>
      <source>Exported %1 bookmarks and %2 reading positions to %3.</source>
      <translation>已把 %1 个书签和 %2 个阅读位置导出到 %3。</translation>
    </message>
  </context>
  <context>
    <name>Migrations</name>
    <message>
      <source>archive tables, user data tables</source>
      <translation>资料表与用户数据表</translation>
    </message>
    <message>
      <source>full-text index of posts</source>
      <translation>帖子全文索引</translation>
    </message>
    <message>
      <source>keyword rules</source>
      <translation>关键词规则</translation>
    </message>
    <message>
      <source>threads followed on the forum</source>
      <translation>关注的论坛帖子</translation>
    </message>
    <message>
      <source>parser version of imported files</source>
      <translation>已导入文件的解析器版本</translation>
    </message>
    <message>
      <source>compressed bodies and a bigram search index</source>
      <translation>压缩正文与二元组搜索索引</translation>
    </message>
    <message>
      <source>cached library counts</source>
      <translation>资料库计数缓存</translation>
    </message>
    <message>
      <source>packed reading order of big threads</source>
      <translation>大帖的紧凑阅读顺序</translation>
    </message>
    <message>
      <source>figures of posts for thread digests</source>
      <translation>帖子摘要所需的数据</translation>
    </message>
    <message>
      <source>the source file of each post</source>
      <translation>每个帖子的来源文件</translation>
    </message>
    <message>
      <source>how far each thread has been read</source>
      <translation>每个帖子读到的位置</translation>
    </message>
    <message>
      <source>folders imported from, saved searches</source>
      <translation>导入过的文件夹、关注的搜索</translation>
    </message>
    <message>
      <source>the state of each imported file</source>
      <translation>每个导入文件的状态</translation>
    </message>
  </context>
  <context>
    <name>AccountFlow</name>
    <message>
      <source>Forum: %1</source>
      <translation>论坛：%1</translation>
    </message>
    <message>
      <source>Logged in to %1; fetches use this account.</source>
      <translation>已登录 %1；从论坛保存帖子时使用此账号。</translation>
    </message>
    <message>
      <source>Forum: guest</source>
      <translation>论坛：游客</translation>
    </message>
    <message>
      <source>Not logged in: threads are fetched as a guest (File → Log in to the forum…).</source>
      <translation>未登录：以游客身份从论坛保存帖子（文件 → 登录论坛…）。</translation>
    </message>
    <message>
      <source>Logged in as %1. Saving and refreshing threads use this account now.</source>
      <translation>已登录为 %1。保存和刷新帖子现在使用此账号。</translation>
    </message>
    <message>
      <source>Login failed</source>
      <translation>登录失败</translation>
    </message>
    <message>
      <source>Logged in, but the session could not be kept: %1</source>
      <translation>已登录，但无法保存登录状态：%1</translation>
    </message>
    <message>
      <source>This account has a security question: choose it and type the answer.</source>
      <translation>此账号设置了安全提问：请选择提问并填写答案。</translation>
    </message>
    <message>
      <source>The forum asks for a verification code this time, which s1reader cannot show. Log in once in a browser, then try again later.</source>
      <translation>论坛这次要求输入验证码，s1reader 无法显示。请先在浏览器中登录一次，稍后再试。</translation>
    </message>
    <message>
      <source>Too many failed logins: the forum refuses logins for a while. Wait about 15 minutes.</source>
      <translation>登录失败次数过多：论坛暂时拒绝登录。请等待约 15 分钟。</translation>
    </message>
    <message>
      <source>The forum did not accept this user name and password.</source>
      <translation>论坛不接受这个用户名和密码。</translation>
    </message>
    <message>
      <source>No network: this computer seems to be offline. Connect to the network and try again.</source>
      <translation>没有网络：这台电脑似乎处于离线状态。请连接网络后再试。</translation>
    </message>
    <message>
      <source>The forum could not be reached (check the network).</source>
      <translation>无法连接论坛（请检查网络）。</translation>
    </message>
    <message>
      <source>The login did not work: %1</source>
      <translation>登录没有成功：%1</translation>
    </message>
    <message>
      <source>Logged out: threads are fetched as a guest again.</source>
      <translation>已退出登录：重新以游客身份从论坛保存帖子。</translation>
    </message>
  </context>
  <context>
    <name>LoginDialog</name>
    <message>
      <source>Log in to the forum</source>
      <translation>登录论坛</translation>
    </message>
    <message>
      <source>Log in to %1 to save threads that only members can read. The session is kept in the system keyring (without one, in a file only you can read); the password is not saved.</source>
      <translation>登录 %1，即可保存只有会员才能阅读的帖子。登录状态保存在系统密钥环中（没有密钥环时，保存在只有你能读取的文件中）；密码不会保存。</translation>
    </message>
    <message>
      <source>No security question</source>
      <translation>未设置安全提问</translation>
    </message>
    <message>
      <source>User name:</source>
      <translation>用户名：</translation>
    </message>
    <message>
      <source>Password:</source>
      <translation>密码：</translation>
    </message>
    <message>
      <source>Security question:</source>
      <translation>安全提问：</translation>
    </message>
    <message>
      <source>Answer:</source>
      <translation>答案：</translation>
    </message>
    <message>
      <source>Log in</source>
      <translation>登录</translation>
    </message>
    <message>
      <source>Type the user name and the password.</source>
      <translation>请填写用户名和密码。</translation>
    </message>
    <message>
      <source>Type the answer to the security question.</source>
      <translation>请填写安全提问的答案。</translation>
    </message>
    <message>
      <source>Logging in…</source>
      <translation>正在登录…</translation>
    </message>
  </context>
  <context>
    <name>NewRepliesPanel</name>
    <message>
      <source>Thread</source>
      <translation>帖子</translation>
    </message>
    <message>
      <source>New</source>
      <translation>新回复</translation>
    </message>
    <message>
      <source>Board</source>
      <translation>版块</translation>
    </message>
    <message>
      <source>No new replies in the threads you have opened.</source>
      <translation>看过的帖子里没有新回复。</translation>
    </message>
    <message>
      <source>%1
%2 new posts from floor %3</source>
      <translation>%1
从 %3 楼起有 %2 个新帖子</translation>
    </message>
  </context>
  <context>
    <name>UpdateFlow</name>
    <message>
      <source>New replies</source>
      <translation>新回复</translation>
    </message>
    <message>
      <source>New replies (%1)</source>
      <translation>新回复（%1）</translation>
    </message>
    <message>
      <source>Nothing to update: import your archive folder once (File → Import folder); from then on Update scans it again.</source>
      <translation>没有可更新的：先导入一次备份文件夹（文件 → 导入文件夹），以后“更新”会重新扫描它。</translation>
    </message>
    <message>
      <source>Updated: %1 threads, %2 new posts.</source>
      <translation>已更新：%1 个帖子，%2 个新回复。</translation>
    </message>
    <message>
      <source>Update cancelled: %1 threads, %2 new posts so far.</source>
      <translation>更新已取消：已写入 %1 个帖子，%2 个新回复。</translation>
    </message>
    <message>
      <source>Not found (unplugged or moved?), its threads kept: %1</source>
      <translation>找不到（拔掉了或移动了？），其中的帖子保留：%1</translation>
    </message>
  </context>
  <context>
    <name>SmileyOffer</name>
    <message>
      <source>Download all smileys</source>
      <translation>下载全部表情</translation>
    </message>
    <message>
      <source>Not now</source>
      <translation>以后再说</translation>
    </message>
    <message>
      <source>You are online: download all %1 smileys now (a few MB, once), so every post shows its smileys also without network? Settings has this button too.</source>
      <translation>已联网：现在下载全部 %1 个表情吗（几 MB，只需一次）？这样没有网络时每个帖子的表情也能显示。“设置”里也有这个按钮。</translation>
    </message>
  </context>
  <context>
    <name>ErrorText</name>
    <message>
      <source>expected an author line '####  NAME', found %1</source>
      <translation>此处应为作者行“####  名字”，实际是 %1</translation>
    </message>
    <message>
      <source>expected a floor line '##### N#  发表于 YYYY-M-D H:MM'</source>
      <translation>此处应为楼层行“##### N#  发表于 YYYY-M-D H:MM”</translation>
    </message>
    <message>
      <source>bad date: %1</source>
      <translation>日期无法识别：%1</translation>
    </message>
    <message>
      <source>%1 holds %2 characters, more than the %3 a post may have (the forum allows about 10,000)</source>
      <translation>%1 有 %2 个字符，超过一个帖子最多允许的 %3 个（论坛本身约限 10,000 个）</translation>
    </message>
    <message>
      <source>unreadable post: %1</source>
      <translation>无法读取的帖子：%1</translation>
    </message>
    <message>
      <source>no post between the '*****' separators: not an archive thread</source>
      <translation>“*****”分隔线之间没有帖子：这不是备份帖文件</translation>
    </message>
    <message>
      <source>no '*****' post separator found: not an archive thread</source>
      <translation>没有找到“*****”帖子分隔线：这不是备份帖文件</translation>
    </message>
    <message>
      <source>cannot tell the thread id: the file name is not '&lt;tid&gt;-&lt;NN&gt;[title].md' and no quote link names a ptid; rename the file to that pattern</source>
      <translation>无法确定帖子编号：文件名不是“&lt;tid&gt;-&lt;NN&gt;[标题].md”的形式，引用链接里也没有 ptid；请按这个形式重命名文件</translation>
    </message>
    <message>
      <source>not a text file: the bytes are %1</source>
      <translation>不是文本文件：内容是 %1</translation>
    </message>
    <message>
      <source>UTF-16 text; save the file as UTF-8 and import it again</source>
      <translation>这是 UTF-16 文本；请另存为 UTF-8 后再导入</translation>
    </message>
    <message>
      <source>not UTF-8 text (byte %1; GBK or another encoding?); save the file as UTF-8 and import it again</source>
      <translation>不是 UTF-8 文本（第 %1 字节；可能是 GBK 或其他编码）；请另存为 UTF-8 后再导入</translation>
    </message>
    <message>
      <source>cannot list the folder: %1</source>
      <translation>无法列出文件夹内容：%1</translation>
    </message>
    <message>
      <source>cannot read: not a regular file (a device, a pipe or a folder); give the archive's .md files</source>
      <translation>无法读取：不是普通文件（是设备、管道或文件夹）；请选择备份里的 .md 文件</translation>
    </message>
    <message>
      <source>cannot read: %1</source>
      <translation>无法读取：%1</translation>
    </message>
    <message>
      <source>the file holds %1 MiB, more than the %2 MiB a thread file may have; split it into parts (`s1reader export TID --format md -o FOLDER` writes such parts)</source>
      <translation>文件有 %1 MiB，超过一个帖子文件最多允许的 %2 MiB；请拆分成多个分卷（`s1reader export TID --format md -o FOLDER` 会写出这样的分卷）</translation>
    </message>
    <message>
      <source>cannot import: %1</source>
      <translation>无法导入：%1</translation>
    </message>
    <message>
      <source>a user name is needed</source>
      <translation>需要填写用户名</translation>
    </message>
    <message>
      <source>a rule needs a word or a regular expression</source>
      <translation>规则需要一个关键词或正则表达式</translation>
    </message>
    <message>
      <source>the regular expression is longer than %1 characters</source>
      <translation>正则表达式超过 %1 个字符</translation>
    </message>
    <message>
      <source>not a valid regular expression: %1</source>
      <translation>不是有效的正则表达式：%1</translation>
    </message>
    <message>
      <source>the regular expression repeats a group that itself repeats (like (a+)+), which can take forever on some posts; write it without the nested repetition</source>
      <translation>这个正则表达式重复了一个本身也会重复的分组（如 (a+)+），遇到某些帖子可能永远算不完；请改写成不嵌套重复的形式</translation>
    </message>
    <message>
      <source>not a colour: %1 (give #rgb or #rrggbb such as #e8a317, or a name such as orange)</source>
      <translation>不是颜色：%1（请填写 #rgb 或 #rrggbb，如 #e8a317，或颜色名，如 orange）</translation>
    </message>
  </context>
  <context>
    <name>QFileDialog</name>
    <message>
      <source>&amp;Look in:</source>
      <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
      <source>Files of &amp;type:</source>
      <translation>文件类型(&amp;T)：</translation>
    </message>
  </context>
</TS>
