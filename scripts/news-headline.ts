// Separates the headline from the text in the VNTC news items. VnExpress and Tuổi Trẻ items give the headline
// as the body's first line. In Người Lao Động items the headline runs into a photo caption and the lead, which
// starts at the "(NLĐ)-" dateline; Thanh Niên items have no headline at all, only the lead.

const MAX_TITLE_CHARS = 110;
const NLD_DATELINE = /\s*\((?:NLĐO?|NLĐ)\)\s*[-–—]\s*/;
const UPPER = /^[A-ZÀ-ỸĐ]/u;
const LOWER_OR_DIGIT = /^[a-zà-ỹđ0-9“"(]/u;

// Headlines the rule below cuts wrongly, checked by hand against the text (id → headline).
const HEADLINES: Record<string, string> = {
  "vntc-train-XH_NLD_3962": "Kỷ vật chiến tranh đang bị rao bán",
  "vntc-train-XH_NLD_4229": "Quảng Trị: Dựng lại cột cờ Hiền Lương ở sông Bến Hải",
  "vntc-train-XH_NLD_4539": "Công ty Thái Bình Dương được Bùi Tiến Dũng ưu ái",
  "vntc-train-XH_NLD_4614": "Tổng công trình sư địa đạo Vịnh Mốc",
  "vntc-train-XH_NLD_4750": "Cả nước rộn rịp đón Tết",
  "vntc-train-XH_NLD_4754": "Đông đảo người dân đến dâng hương ở Nghĩa trang Liệt sĩ Quốc gia đường 9",
  "vntc-train-XH_NLD_4771": "Một người Vân Kiều vét gia sản tìm nước sạch cho dân bản",
  "vntc-train-XH_NLD_4786": "Xác định vùng sụt đất ở Quảng Trị trong vài ngày tới",
  "vntc-train-PL_NLD_3808": "Dọn bom mìn nuôi con ăn học",
  "vntc-train-TG_NLD_2793": "Pakistan: Đánh bom trong lễ hội Ashura, 22 người chết",
  "vntc-train-TT_NLD_6260": "Mai Nguyễn Hưng giành lại Áo vàng",
  "vntc-test-XH_NLD_T_9162": "Cuộc tấn công cuối cùng của chiến lược vô song",
  "vntc-test-XH_NLD_T_9174": "Hành khách đi xe đò tăng cao",
  "vntc-test-XH_NLD_T_9215": "Chi 1,5 tỉ đồng giúp dân tạm ổn định cuộc sống",
  "vntc-test-XH_NLD_T_9270": "Có hang ngầm ở khu tái định cư",
  "vntc-test-XH_NLD_T_9582": "Quảng Trị: Ô tô chở sinh viên Hà Nội bị lật",
  "vntc-test-XH_NLD_T_9583": "9 người chết, hơn 40.000 căn nhà bị ngập",
  "vntc-test-XH_NLD_T_9702": "Báo Người Lao Động tặng bà Chít “ba-ri-e” 5 triệu đồng",
  "vntc-test-DS_NLD_T_958": "Dì tôi",
  "vntc-test-TT_NLD_T_9006": "Chủ nhà thẳng tiến!",
  "vntc-test-TT_NLD_T_9117": "Đặng Đại Khải phá sâu kỷ lục PARA Games",
};

/** The headline and the body text of one news item. */
export interface SplitNews {
  title: string;
  body: string;
}

/** Splits one VNTC item into headline and body (see the comment at the top of the file). */
export function splitNewsHeadline(id: string, source: string, title: string, body: string): SplitNews {
  const [first = "", ...rest] = body.split("\n");
  if (source === "vnexpress.net" || source === "tuoitre.vn") {
    return first.trim() === title.trim() ? { title: first.trim(), body: rest.join("\n").trim() } : { title, body };
  }
  if (source === "thanhnien.vn") return { title: firstSentence(body), body };
  // Người Lao Động: the text before the dateline is headline (+ caption); without a dateline, the first line.
  const dateline = NLD_DATELINE.exec(first);
  const head = dateline ? first.slice(0, dateline.index) : first;
  const afterHead = dateline ? first.slice(dateline.index + dateline[0].length) : "";
  const fixed = HEADLINES[id];
  const headline = fixed !== undefined && head.startsWith(fixed) ? fixed : head.length <= MAX_TITLE_CHARS ? head : captionCut(head);
  const caption = head.slice(headline.length).trim().replace(/^\(\s*\)\s*/, "");
  return {
    title: headline.trim(),
    body: [caption, afterHead, ...rest].filter((part) => part.trim() !== "").join("\n").trim(),
  };
}

// A caption starts where a capitalised word follows a lower-case word and is itself followed by a lower-case word
// ("… rao bán Có nhiều người …"), a sentence start inside a sentence-case headline.
function captionCut(text: string): string {
  const words = text.split(" ");
  for (let i = 3; i < words.length - 1; i += 1) {
    const [prev, word, next] = [words[i - 1]!, words[i]!, words[i + 1]!];
    if (UPPER.test(word) && LOWER_OR_DIGIT.test(next) && /[a-zà-ỹđ0-9)]$/u.test(prev) && !/:$/.test(prev)) {
      return words.slice(0, i).join(" ");
    }
  }
  return firstSentence(text);
}

function firstSentence(text: string): string {
  const line = text.split("\n")[0]!;
  const end = /[.!?…](?=\s|$)/.exec(line);
  const sentence = end && end.index < MAX_TITLE_CHARS ? line.slice(0, end.index) : line;
  if (sentence.length <= MAX_TITLE_CHARS) return sentence.trim();
  const cut = sentence.slice(0, MAX_TITLE_CHARS);
  return `${cut.slice(0, cut.lastIndexOf(" "))}…`;
}
